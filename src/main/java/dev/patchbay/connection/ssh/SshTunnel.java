package dev.patchbay.connection.ssh;

import dev.patchbay.connection.ConnectionSettings;
import dev.patchbay.connection.ProxyHop;
import dev.patchbay.io.DeviceUnreachableException;
import dev.patchbay.io.OperationTimeoutException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelListener;
import org.apache.sshd.common.forward.TcpipClientChannel;
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
  private final CompletableFuture<Void> forwarded;
  private final String route;

  private SshTunnel(
      List<ClientSession> sessions,
      SshdSocketAddress address,
      CompletableFuture<Void> forwarded,
      String route) {
    this.sessions = sessions;
    this.address = address;
    this.forwarded = forwarded;
    this.route = route;
  }

  /**
   * Opens the jump hops {@code hops} (none may run a command) towards {@code host:port}; on failure
   * the hops opened so far are closed again.
   */
  public static SshTunnel open(
      List<ProxyHop> hops, String host, int port, SshClientHolder clients, KnownHosts knownHosts) {
    List<ClientSession> sessions = new ArrayList<>();
    CompletableFuture<Void> forwarded = new CompletableFuture<>();
    if (hops.isEmpty()) {
      forwarded.complete(null);
      return new SshTunnel(sessions, new SshdSocketAddress(host, port), forwarded, null);
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
        if (i == hops.size() - 1) {
          session.addChannelListener(new ForwardListener(forwarded));
        }
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
      new SshTunnel(sessions, null, forwarded, null).close();
      throw e;
    }
    return new SshTunnel(
        sessions,
        next,
        forwarded,
        "proxy hop " + hops.getLast().settings().name() + " to " + host + ":" + port);
  }

  /**
   * Waits until the last hop has opened the forwarded channel to the endpoint, after a client
   * connected to {@link #address()}: the local port accepts at once, so only this tells that the
   * hop could reach the device. Returns at once without hops.
   *
   * @throws DeviceUnreachableException when the hop could not open the channel
   * @throws OperationTimeoutException when it did not answer within {@code timeout}
   */
  public void awaitForwarded(Duration timeout) {
    try {
      forwarded.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new DeviceUnreachableException(
          "cannot reach the device through " + route + ": " + e.getCause().getMessage(),
          e.getCause());
    } catch (TimeoutException e) {
      throw new OperationTimeoutException(
          "no channel through " + route + " within " + timeout.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperationTimeoutException("interrupted while forwarding through " + route, e);
    }
  }

  /**
   * After a failed connection through the tunnel: throws {@link DeviceUnreachableException} if the
   * last hop refused the forwarded channel (the real cause), else returns.
   */
  public void throwIfRefused() {
    if (forwarded.isCompletedExceptionally()) {
      awaitForwarded(Duration.ZERO);
    }
  }

  /** Completes {@code forwarded} with the first forwarded channel's opening or its refusal. */
  private record ForwardListener(CompletableFuture<Void> forwarded) implements ChannelListener {

    @Override
    public void channelOpenSuccess(Channel channel) {
      if (channel instanceof TcpipClientChannel) {
        forwarded.complete(null);
      }
    }

    @Override
    public void channelOpenFailure(Channel channel, Throwable reason) {
      if (channel instanceof TcpipClientChannel) {
        forwarded.completeExceptionally(reason);
      }
    }

    /** A forwarded channel closed before it opened: the hop refused it. */
    @Override
    public void channelClosed(Channel channel, Throwable reason) {
      if (channel instanceof TcpipClientChannel && !forwarded.isDone()) {
        forwarded.completeExceptionally(
            reason != null ? reason : new IOException("the hop closed the channel"));
      }
    }
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
