package dev.patchbay.web;

/**
 * What a caller presents to change a leased device: the {@value #LEASE_HEADER} and {@value
 * #FENCING_HEADER} request headers, each {@code null} when absent. A controller parameter of this
 * type receives both headers and documents them in OpenAPI.
 */
public record LeaseCredentials(String lease, String fencingToken) {

  /** Request header naming the caller's lease: {@code <leaseId>:<token>}. */
  public static final String LEASE_HEADER = "Patchbay-Lease";

  /** Optional request header: the fencing token the caller was granted. */
  public static final String FENCING_HEADER = "Patchbay-Fencing-Token";
}
