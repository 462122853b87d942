package dev.patchbay.connection.ssh;

import dev.patchbay.connection.ConnectionSettings;
import dev.patchbay.connection.ProxyHop;
import dev.patchbay.io.DeviceUnreachableException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.net.SshdSocketAddress;

/**
 * A chain of SSH jump hosts to one endpoint: the first hop is reached directly, each further hop
 * and finally the endpoint through a local port forwarded over the previous hop (direct-tcpip, no
 * shell on any hop). Each hop is authenticated with its own settings and its host key checked and
 * pinned like any SSH connection's. Without hops, {@link #address()} is the endpoint itself. Any
 * driver (SSH, Telnet, a command hop's SSH session) connects to {@link #address()} instead of the
 * device.
 */
public final class SshTunnel implements AutoCloseable {

  private final List<ClientSession> sessions;
  private final SshdSocketAddress address;

  private SshTunnel(List<ClientSession> sessions, SshdSocketAddress address) {
    this.sessions = sessions;
    this.address = address;
  }

  /**
   * Opens the jump hops {@code hops} (none may run a command) towards {@code host:port}; on failure
   * the hops opened so far are closed again.
   */
  public static SshTunnel open(
      List<ProxyHop> hops, String host, int port, SshClientHolder clients, KnownHosts knownHosts) {
    List<ClientSession> sessions = new ArrayList<>();
    if (hops.isEmpty()) {
      return new SshTunnel(sessions, new SshdSocketAddress(host, port));
    }
    SshdSocketAddress next =
        new SshdSocketAddress(hops.getFirst().settings().host(), hops.getFirst().settings().port());
    try {
      for (int i = 0; i < hops.size(); i++) {
        ProxyHop hop = hops.get(i);
        if (hop.runsCommand()) {
          throw new IllegalArgumentException(
              "hop " + hop.settings().name() + " runs a command; it cannot forward");
        }
        ClientSession session = SshConnection.hopSession(hop.settings(), next, clients, knownHosts);
        sessions.add(session);
        ConnectionSettings after = i + 1 < hops.size() ? hops.get(i + 1).settings() : null;
        SshdSocketAddress remote =
            after == null
                ? new SshdSocketAddress(host, port)
                : new SshdSocketAddress(after.host(), after.port());
        try {
          next = session.startLocalPortForwarding(new SshdSocketAddress("127.0.0.1", 0), remote);
        } catch (IOException e) {
          throw new DeviceUnreachableException(
              "cannot forward to "
                  + remote.getHostName()
                  + ":"
                  + remote.getPort()
                  + " through proxy hop "
                  + hop.settings().name()
                  + ": "
                  + e.getMessage(),
              e);
        }
      }
    } catch (RuntimeException e) {
      new SshTunnel(sessions, null).close();
      throw e;
    }
    return new SshTunnel(sessions, next);
  }

  /** Where to connect to reach the endpoint. */
  public SshdSocketAddress address() {
    return address;
  }

  /** Closes the hops, last first. */
  @Override
  public void close() {
    for (ClientSession session : sessions.reversed()) {
      session.close(true);
    }
  }
}
