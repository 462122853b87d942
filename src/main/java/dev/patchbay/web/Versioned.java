package dev.patchbay.web;

/** A response body together with the version of the resource that carries the ETag. */
public record Versioned<T>(T body, long version) {

  /** The strong ETag of this version, e.g. {@code "3"}. */
  public String etag() {
    return Versions.etag(version);
  }
}
