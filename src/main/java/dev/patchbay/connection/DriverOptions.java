package dev.patchbay.connection;

import java.time.Duration;
import java.util.Objects;

/**
 * A definition's driver settings, typed once by the connection manager so that no driver parses a
 * string map: the SSH host-key policy and keepalive interval, whether the line takes one session at
 * a time ({@code exclusive}) and whether a dropped session reconnects. The last two are read by the
 * manager, not by drivers.
 */
public record DriverOptions(
    HostKeyPolicy hostKeyPolicy, Duration keepalive, boolean exclusive, boolean reconnect) {

  /** Trust on first use, a 30 s keepalive, shared, no reconnect. */
  public static final DriverOptions DEFAULT =
      new DriverOptions(HostKeyPolicy.TOFU, Duration.ofSeconds(30), false, false);

  public DriverOptions {
    Objects.requireNonNull(hostKeyPolicy, "hostKeyPolicy");
    Objects.requireNonNull(keepalive, "keepalive");
  }

  public DriverOptions withHostKeyPolicy(HostKeyPolicy value) {
    return new DriverOptions(value, keepalive, exclusive, reconnect);
  }
}
