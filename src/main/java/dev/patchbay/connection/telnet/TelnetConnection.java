package dev.patchbay.connection.telnet;

import dev.patchbay.connection.BaseConnection;
import dev.patchbay.connection.ConnectionSettings;
import dev.patchbay.connection.ssh.KnownHosts;
import dev.patchbay.connection.ssh.SshClientHolder;
import dev.patchbay.connection.ssh.SshTunnel;
import dev.patchbay.io.OperationTimeoutException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import org.apache.commons.net.telnet.EchoOptionHandler;
import org.apache.commons.net.telnet.InvalidTelnetOptionException;
import org.apache.commons.net.telnet.SuppressGAOptionHandler;
import org.apache.commons.net.telnet.TelnetClient;
import org.apache.commons.net.telnet.TelnetCommand;
import org.apache.commons.net.telnet.TelnetOption;
import org.apache.commons.net.telnet.TerminalTypeOptionHandler;
import org.apache.commons.net.telnet.WindowSizeOptionHandler;

/**
 * Telnet driver (Apache Commons Net): terminal type xterm, NAWS window size, suppress go-ahead,
 * remote echo. Commons Net's own reader thread is disabled; one virtual thread reads the socket.
 * SSH jump hops in the settings are opened first and the socket connects to the port they forward
 * ({@link SshTunnel}).
 */
public final class TelnetConnection extends BaseConnection {

  private static final String TERMINAL_TYPE = "xterm";

  private volatile TelnetClient client;
  private volatile OutputStream output;
  private volatile Thread reader;
  private final SshClientHolder sshClients;
  private final KnownHosts knownHosts;
  private volatile SshTunnel tunnel;

  /** A telnet connection reached directly; its settings must name no proxy hop. */
  public TelnetConnection(ConnectionSettings settings) {
    this(settings, null, null);
  }

  /** A telnet connection, reached through its settings' SSH jump hops if it has any. */
  public TelnetConnection(
      ConnectionSettings settings, SshClientHolder sshClients, KnownHosts knownHosts) {
    super(settings);
    if (!settings.proxy().isEmpty() && sshClients == null) {
      throw new IllegalArgumentException("proxy hops need the SSH client");
    }
    this.sshClients = sshClients;
    this.knownHosts = knownHosts;
  }

  @Override
  protected void openTransport() {
    ConnectionSettings settings = settings();
    TelnetClient telnet = new TelnetClient(TERMINAL_TYPE);
    telnet.setReaderThread(false);
    telnet.setSocketFactory(new BufferedSocketFactory());
    telnet.setConnectTimeout((int) settings.timeouts().connect().toMillis());
    try {
      telnet.addOptionHandler(
          new TerminalTypeOptionHandler(TERMINAL_TYPE, false, false, true, false));
      telnet.addOptionHandler(
          new WindowSizeOptionHandler(
              settings.columns(), settings.rows(), true, false, true, false));
      telnet.addOptionHandler(new SuppressGAOptionHandler(true, true, true, true));
      telnet.addOptionHandler(new EchoOptionHandler(false, true, false, true));
      SshTunnel hops =
          SshTunnel.open(
              settings.proxy(), settings.host(), settings.port(), sshClients, knownHosts);
      tunnel = hops;
      telnet.connect(hops.address().getHostName(), hops.address().getPort());
      hops.awaitForwarded(settings.timeouts().connect());
      telnet.setTcpNoDelay(true);
    } catch (SocketTimeoutException e) {
      closeQuietly(telnet);
      throw new OperationTimeoutException("connecting to " + settings.endpoint() + " timed out", e);
    } catch (IOException | InvalidTelnetOptionException e) {
      closeQuietly(telnet);
      throw unreachable(settings.endpoint(), e);
    }
    client = telnet;
    output = telnet.getOutputStream();
    InputStream input = telnet.getInputStream();
    reader = startReader("telnet", input, e -> false);
  }

  @Override
  protected void closeTransport() {
    closeQuietly(client);
    SshTunnel hops = tunnel;
    if (hops != null) {
      hops.close();
    }
    awaitReader(reader);
  }

  @Override
  protected void writeToTransport(byte[] bytes) throws IOException {
    output.write(bytes);
    output.flush();
  }

  @Override
  protected void resizeTransport(int columns, int rows) throws IOException {
    client.sendSubnegotiation(
        new int[] {
          TelnetOption.WINDOW_SIZE,
          columns >> 8 & 0xff,
          columns & 0xff,
          rows >> 8 & 0xff,
          rows & 0xff
        });
  }

  @Override
  protected void sendBreakToTransport() throws IOException {
    client.sendCommand((byte) TelnetCommand.BREAK);
  }

  private static void closeQuietly(TelnetClient telnet) {
    if (telnet != null && telnet.isConnected()) {
      try {
        telnet.disconnect();
      } catch (IOException e) {
        // already gone
      }
    }
  }
}
