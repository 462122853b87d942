package dev.patchbay.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * The baseline: a CLI session on a simulated device straight through a MINA SSHD client (a PTY
 * shell, as Patchbay opens), waiting for the prompt after each command like an expect script. It
 * enters enable mode and turns paging and line wrapping off, as Patchbay does at login.
 */
final class DirectCli implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private final ClientSession session;
  private final ChannelShell shell;
  private final Sink sink = new Sink();
  private final String prompt;

  private DirectCli(ClientSession session, ChannelShell shell, String hostname) {
    this.session = session;
    this.shell = shell;
    this.prompt = hostname + "#";
  }

  /**
   * A started client shared by all direct sessions, accepting any host key (loopback only), with
   * TCP_NODELAY and the cipher preference (AES-GCM first) as Patchbay's client has them, so that
   * both sides pay the same for encryption.
   */
  static SshClient newClient() {
    SshClient client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
    client.setCipherFactories(
        List.of(
            BuiltinCiphers.aes128gcm,
            BuiltinCiphers.aes256gcm,
            BuiltinCiphers.cc20p1305_openssh,
            BuiltinCiphers.aes128ctr,
            BuiltinCiphers.aes192ctr,
            BuiltinCiphers.aes256ctr));
    CoreModuleProperties.TCP_NODELAY.set(client, true);
    client.start();
    return client;
  }

  static DirectCli open(SshClient client, SimulatorProcess.Device device)
      throws IOException, TimeoutException, InterruptedException {
    ClientSession session =
        client.connect("admin", "127.0.0.1", device.port()).verify(TIMEOUT).getSession();
    session.addPasswordIdentity("admin");
    session.auth().verify(TIMEOUT);
    ChannelShell shell = session.createShellChannel();
    shell.setPtyType("xterm");
    shell.setPtyColumns(200);
    shell.setPtyLines(24);
    DirectCli cli = new DirectCli(session, shell, device.name());
    shell.setOut(cli.sink);
    shell.setRedirectErrorStream(true);
    shell.open().verify(TIMEOUT);
    cli.sink.awaitEnd(0, device.name() + ">");
    cli.send("enable", "Password: ");
    cli.send("cisco", cli.prompt);
    cli.send("terminal length 0", cli.prompt);
    cli.send("terminal width 0", cli.prompt);
    return cli;
  }

  /** Sends {@code command} and waits for the enable prompt; returns the bytes received. */
  long execute(String command) throws IOException, TimeoutException, InterruptedException {
    return send(command, prompt);
  }

  private long send(String line, String end)
      throws IOException, TimeoutException, InterruptedException {
    long mark = sink.received();
    OutputStream input = shell.getInvertedIn();
    input.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    input.flush();
    return sink.awaitEnd(mark, end) - mark;
  }

  @Override
  public void close() {
    shell.close(true);
    session.close(true);
  }

  /** Counts the output and keeps its last characters, to see the prompt. */
  private static final class Sink extends OutputStream {

    private static final int TAIL = 256;

    private final StringBuilder tail = new StringBuilder();
    private long received;

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] data, int offset, int length) {
      received += length;
      int from = Math.max(offset, offset + length - TAIL);
      tail.append(new String(data, from, offset + length - from, StandardCharsets.ISO_8859_1));
      if (tail.length() > TAIL) {
        tail.delete(0, tail.length() - TAIL);
      }
      notifyAll();
    }

    synchronized long received() {
      return received;
    }

    /** Waits until output arrived after {@code mark} and ends with {@code end}. */
    synchronized long awaitEnd(long mark, String end)
        throws TimeoutException, InterruptedException {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (received <= mark || !endsWith(end)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new TimeoutException("no '" + end + "' after: " + tail);
        }
        wait(Math.max(1, left / 1_000_000));
      }
      return received;
    }

    private boolean endsWith(String end) {
      int trimmed = tail.length();
      while (trimmed > 0 && tail.charAt(trimmed - 1) == ' ') {
        trimmed--;
      }
      String wanted = end.strip();
      return trimmed >= wanted.length()
          && tail.substring(trimmed - wanted.length(), trimmed).equals(wanted);
    }
  }
}
