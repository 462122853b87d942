package dev.patchbay.connection;

import java.util.Objects;

/**
 * One hop on the way to a device, reached over SSH with the hop's own {@code settings} (its
 * credentials, timeouts, options and pinned host key). Without a {@code command} the hop is a jump
 * host: the next hop or the device is reached through a port forwarded over it (direct-tcpip, no
 * shell on the hop). With one, the hop is logged in to, the command runs in its shell and the
 * device's login continues on that stream (a console server's {@code telnet 10.1.1.5 2001}); such a
 * hop is the last one.
 */
public record ProxyHop(ConnectionSettings settings, String command) {

  public ProxyHop {
    Objects.requireNonNull(settings, "settings");
  }

  /** A jump host that forwards the connection. */
  public static ProxyHop jump(ConnectionSettings settings) {
    return new ProxyHop(settings, null);
  }

  public boolean runsCommand() {
    return command != null;
  }
}
