package dev.patchbay.connection;

import java.time.Duration;
import java.util.Objects;

/**
 * A definition's driver settings, typed once by the connection manager so that no driver parses a
 * string map: the SSH host-key policy and keepalive interval, whether the line takes one session at
 * a time ({@code exclusive}) and whether a dropped session reconnects (both read by the manager,
 * not by drivers), and whether a device with an enable credential is taken to the privileged state
 * on connect ({@code enableOnConnect}, as Unicon does; false keeps user EXEC).
 */
public record DriverOptions(
    HostKeyPolicy hostKeyPolicy,
    Duration keepalive,
    boolean exclusive,
    boolean reconnect,
    boolean enableOnConnect) {

  /** Trust on first use, a 30 s keepalive, shared, no reconnect, privileged on connect. */
  public static final DriverOptions DEFAULT =
      new DriverOptions(HostKeyPolicy.TOFU, Duration.ofSeconds(30), false, false, true);

  public DriverOptions {
    Objects.requireNonNull(hostKeyPolicy, "hostKeyPolicy");
    Objects.requireNonNull(keepalive, "keepalive");
  }

  /** Options that take the device to the privileged state on connect. */
  public DriverOptions(
      HostKeyPolicy hostKeyPolicy, Duration keepalive, boolean exclusive, boolean reconnect) {
    this(hostKeyPolicy, keepalive, exclusive, reconnect, true);
  }

  public DriverOptions withHostKeyPolicy(HostKeyPolicy value) {
    return new DriverOptions(value, keepalive, exclusive, reconnect, enableOnConnect);
  }

  public DriverOptions withEnableOnConnect(boolean value) {
    return new DriverOptions(hostKeyPolicy, keepalive, exclusive, reconnect, value);
  }
}
