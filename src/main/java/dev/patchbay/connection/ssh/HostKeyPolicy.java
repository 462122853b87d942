package dev.patchbay.connection.ssh;

import java.util.Locale;

/**
 * How a connection definition trusts host keys ({@code settings.host_key_policy}): {@code tofu}
 * (default) pins the first key for the definition and refuses a different one, {@code strict}
 * requires a key pinned beforehand (through the REST API), {@code insecure} accepts any key and
 * pins nothing.
 */
enum HostKeyPolicy {
  TOFU,
  STRICT,
  INSECURE;

  static HostKeyPolicy parse(String value) {
    try {
      return value == null ? TOFU : valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "host_key_policy must be tofu, strict or insecure, not '" + value + "'");
    }
  }
}
