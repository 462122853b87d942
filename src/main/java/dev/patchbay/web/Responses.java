package dev.patchbay.web;

import org.springframework.http.ResponseEntity;
import org.springframework.web.util.UriComponentsBuilder;

/** Builds inventory responses carrying the resource's ETag. */
public final class Responses {

  private Responses() {}

  public static <T> ResponseEntity<T> ok(Versioned<T> versioned) {
    return ResponseEntity.ok().eTag(versioned.etag()).body(versioned.body());
  }

  /** 201 with a {@code Location} built from a template such as {@code /api/v1/devices/{name}}. */
  public static <T> ResponseEntity<T> created(
      Versioned<T> versioned, String template, Object... values) {
    return ResponseEntity.created(
            UriComponentsBuilder.fromPath(template).buildAndExpand(values).encode().toUri())
        .eTag(versioned.etag())
        .body(versioned.body());
  }
}
