package dev.patchbay.connection;

import java.time.Duration;
import java.util.Objects;

/**
 * A definition's driver settings, typed once by the connection manager so that no driver parses a
 * string map: the SSH host-key policy and keepalive interval, whether the line takes one session at
 * a time ({@code exclusive}), whether a dropped session reconnects, whether a device with an enable
 * credential is taken to the privileged state on connect ({@code enableOnConnect}, as Unicon does;
 * false keeps user EXEC), and the SSH options ({@code ssh_options}: algorithms, keepalive count,
 * jump host). The manager has already applied the SSH options that override a definition's fields
 * (port, user, timeouts, host-key policy, keepalive interval). {@code exclusive} and {@code
 * reconnect} are read by the manager, not by drivers.
 */
public record DriverOptions(
    HostKeyPolicy hostKeyPolicy,
    Duration keepalive,
    boolean exclusive,
    boolean reconnect,
    boolean enableOnConnect,
    SshOptions ssh) {

  /**
   * Trust on first use, a 30 s keepalive, shared, no reconnect, privileged on connect, default SSH
   * algorithms.
   */
  public static final DriverOptions DEFAULT =
      new DriverOptions(HostKeyPolicy.TOFU, Duration.ofSeconds(30), false, false);

  public DriverOptions {
    Objects.requireNonNull(hostKeyPolicy, "hostKeyPolicy");
    Objects.requireNonNull(keepalive, "keepalive");
    Objects.requireNonNull(ssh, "ssh");
  }

  /** Options that take the device to the privileged state on connect, with no SSH options. */
  public DriverOptions(
      HostKeyPolicy hostKeyPolicy, Duration keepalive, boolean exclusive, boolean reconnect) {
    this(hostKeyPolicy, keepalive, exclusive, reconnect, true, SshOptions.NONE);
  }

  public DriverOptions withHostKeyPolicy(HostKeyPolicy value) {
    return new DriverOptions(value, keepalive, exclusive, reconnect, enableOnConnect, ssh);
  }

  public DriverOptions withEnableOnConnect(boolean value) {
    return new DriverOptions(hostKeyPolicy, keepalive, exclusive, reconnect, value, ssh);
  }

  public DriverOptions withSsh(SshOptions value) {
    return new DriverOptions(
        hostKeyPolicy, keepalive, exclusive, reconnect, enableOnConnect, value);
  }
}
