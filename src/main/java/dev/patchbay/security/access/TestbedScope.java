package dev.patchbay.security.access;

/**
 * How a testbed-scoped token is checked on a route: which part of the request names the device or
 * testbed it touches.
 */
public enum TestbedScope {
  /** Touches no device data (or is public): scoped tokens pass. */
  NONE,
  /** The {@code device} (or, under /devices, {@code name}) path variable names a device. */
  DEVICE_IN_PATH,
  /** The {@code name} path variable names a testbed. */
  TESTBED_IN_PATH,
  /** A scoped token must pass the {@code testbed} query parameter, one of its testbeds. */
  TESTBED_IN_QUERY,
  /**
   * The handler returns only what concerns the token's testbeds (a list is filtered, a record
   * outside them is answered 404 as if absent); a {@code device} query parameter, when given, must
   * name a device of them.
   */
  FILTERED_BY_HANDLER,
  /** The handler checks the devices named in the body. */
  CHECKED_BY_HANDLER,
  /** Spans every testbed: refused to scoped tokens. */
  UNSCOPED_ONLY
}
