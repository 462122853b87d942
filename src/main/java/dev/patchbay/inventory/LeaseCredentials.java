package dev.patchbay.inventory;

/**
 * What a caller presents to change a leased device: the {@value DeviceWriteGuard#LEASE_HEADER} and
 * {@value DeviceWriteGuard#FENCING_HEADER} request headers, each {@code null} when absent. A
 * controller parameter of this type receives both headers and documents them in OpenAPI.
 */
public record LeaseCredentials(String lease, String fencingToken) {}
