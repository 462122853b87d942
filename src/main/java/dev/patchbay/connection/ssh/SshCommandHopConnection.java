package dev.patchbay.connection.ssh;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.patchbay.cli.CliSession;
import dev.patchbay.connection.BaseConnection;
import dev.patchbay.connection.ConnectionSettings;
import dev.patchbay.connection.ProxyHop;
import dev.patchbay.io.ConnectionException;
import dev.patchbay.io.DeviceUnreachableException;
import dev.patchbay.io.Terminal;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.session.ClientSession;

/**
 * A device reached through a command hop, the console-server pattern: the last proxy hop is logged
 * in to over SSH (through the jump hops before it, if any, see {@link SshTunnel}), its prompt is
 * learned with its own OS profile, the hop's {@code command} (e.g. {@code telnet 10.1.1.5 2001}) is
 * typed into its shell, and from then on the shell channel is the device's stream: the device's
 * login and prompt follow on it whatever the target's protocol says. The hop's output before the
 * command is not part of the device's terminal.
 */
public final class SshCommandHopConnection extends BaseConnection {

  private static final int HOP_BUFFER = 1 << 20;

  private final SshClientHolder clients;
  private final KnownHosts knownHosts;
  private volatile SshTunnel tunnel;
  private volatile ClientSession session;
  private volatile ChannelShell channel;
  private volatile OutputStream input;

  /** The hop's terminal until the command is sent; null once output belongs to the device. */
  private volatile Terminal hopTerminal;

  public SshCommandHopConnection(
      ConnectionSettings settings, SshClientHolder clients, KnownHosts knownHosts) {
    super(settings);
    if (settings.proxy().isEmpty() || !settings.proxy().getLast().runsCommand()) {
      throw new IllegalArgumentException("the last proxy hop must run a command");
    }
    this.clients = clients;
    this.knownHosts = knownHosts;
  }

  @Override
  protected void openTransport() {
    ConnectionSettings settings = settings();
    List<ProxyHop> hops = settings.proxy();
    ProxyHop last = hops.getLast();
    ConnectionSettings hop = last.settings();
    tunnel =
        SshTunnel.open(
            hops.subList(0, hops.size() - 1), hop.host(), hop.port(), clients, knownHosts);
    try {
      session = SshConnection.hopSession(hop, tunnel.address(), clients, knownHosts);
    } catch (ConnectionException e) {
      tunnel.throwIfRefused();
      throw e;
    }
    Terminal hopStream =
        new Terminal(
            new Terminal.Port() {
              @Override
              public void write(byte[] bytes) throws IOException {
                writeToTransport(bytes);
              }

              @Override
              public void resize(int columns, int rows) {}

              @Override
              public void sendBreak() {}
            });
    hopTerminal = hopStream;
    try (CliSession hopCli =
        new CliSession(hopStream, hop.profile(), null, hop.timeouts().execute(), HOP_BUFFER)) {
      try {
        ChannelShell shell = session.createShellChannel();
        shell.setPtyType("xterm");
        shell.setPtyColumns(settings.columns());
        shell.setPtyLines(settings.rows());
        shell.setRedirectErrorStream(true);
        shell.setOut(new Sink());
        shell.open().verify(hop.timeouts().login());
        shell.addCloseFutureListener(future -> transportEnded(null));
        input = shell.getInvertedIn();
        channel = shell;
      } catch (IOException e) {
        throw unreachable("shell channel on proxy hop " + hop.name(), e);
      }
      try {
        hopCli.learnPrompt(hop.timeouts().login());
      } catch (ConnectionException e) {
        throw new DeviceUnreachableException(
            "no prompt on proxy hop " + hop.name() + ": " + e.getMessage(), e);
      }
      hopTerminal = null;
      hopStream.end();
      writeToTransport((last.command() + "\r").getBytes(UTF_8));
    } catch (IOException e) {
      throw unreachable("command on proxy hop " + hop.name(), e);
    }
  }

  @Override
  protected void closeTransport() {
    ClientSession hopSession = session;
    if (hopSession != null) {
      hopSession.close(true);
    }
    SshTunnel hops = tunnel;
    if (hops != null) {
      hops.close();
    }
  }

  @Override
  protected void writeToTransport(byte[] bytes) throws IOException {
    input.write(bytes);
    input.flush();
  }

  @Override
  protected void resizeTransport(int columns, int rows) throws IOException {
    channel.sendWindowChange(columns, rows);
  }

  /** No break travels through the hop's shell and its command. */
  @Override
  protected void sendBreakToTransport() {}

  /** Hop output to the hop's terminal until the command is sent, then to the device's. */
  private final class Sink extends OutputStream {

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] data, int offset, int length) {
      Terminal hop = hopTerminal;
      if (hop != null) {
        hop.publish(data, offset, length);
      } else {
        received(data, offset, length);
      }
    }
  }
}
