package dev.patchbay.connection.ssh;

import java.util.Locale;

/**
 * How a connection trusts host keys ({@code settings.host_key_policy}): {@code tofu} (default) pins
 * the first key and refuses a different one, {@code strict} requires a pinned key, {@code insecure}
 * accepts any key and pins nothing.
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
