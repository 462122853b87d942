package dev.patchbay.testpeer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH {@code sshd} on a loopback port with a throwaway configuration, host keys and an
 * authorised client key in a temporary directory (root login by key; the Linux shell is the
 * device). Host key type, extra {@code sshd_config} lines and further client keys are chosen by the
 * test. Needs the {@code openssh-server} and {@code openssh-client} packages; fails without.
 */
public final class OpenSshServer implements AutoCloseable {

  private static final Path SSHD = Path.of("/usr/sbin/sshd");
  private static final Path KEYGEN = Path.of("/usr/bin/ssh-keygen");

  private final Path dir;
  private final int port;
  private Process process;

  public OpenSshServer() throws IOException, InterruptedException {
    this("ecdsa");
  }

  /**
   * Host keys {@code a} and {@code b} of {@code hostKeyType} (ssh-keygen -t: ecdsa, ed25519, rsa).
   */
  public OpenSshServer(String hostKeyType) throws IOException, InterruptedException {
    assertThat(SSHD).as("OpenSSH server (apt-get install openssh-server)").isExecutable();
    assertThat(KEYGEN).as("ssh-keygen (apt-get install openssh-client)").isExecutable();
    dir = Files.createTempDirectory("patchbay-sshd");
    Files.createDirectories(Path.of("/run/sshd"));
    keygen("host_key_a", hostKeyType, "", null);
    keygen("host_key_b", hostKeyType, "", null);
    keygen("client_key", "ecdsa", "", null);
    Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
  }

  /** Starts (or restarts) sshd presenting host key {@code a} or {@code b}. */
  public void start(String hostKey) throws IOException, InterruptedException {
    start(hostKey, List.of());
  }

  /**
   * Starts (or restarts) sshd presenting host key {@code a} or {@code b}, with {@code extraConfig}
   * lines first (sshd takes the first value of a keyword, so they win over the defaults).
   */
  public void start(String hostKey, List<String> extraConfig)
      throws IOException, InterruptedException {
    stop();
    Path config = dir.resolve("sshd_config");
    List<String> lines = new java.util.ArrayList<>(extraConfig);
    lines.addAll(
        List.of(
            "Port " + port,
            "ListenAddress 127.0.0.1",
            "HostKey " + dir.resolve("host_key_" + hostKey),
            "PidFile " + dir.resolve("sshd.pid"),
            "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
            "UsePAM no",
            "PermitRootLogin yes",
            "StrictModes no",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "PubkeyAuthentication yes",
            "PrintMotd no",
            "LogLevel ERROR"));
    Files.write(config, lines);
    process =
        new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("sshd.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        assertThat(process.isAlive()).as("sshd running: " + log()).isTrue();
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("sshd did not listen on " + port + ": " + log());
  }

  public int port() {
    return port;
  }

  /** The server's temporary directory, for files its extra configuration names. */
  public Path directory() {
    return dir;
  }

  /** The authorised client key in OpenSSH private key format. */
  public String clientKey() throws IOException {
    return Files.readString(dir.resolve("client_key"));
  }

  public void stop() throws InterruptedException {
    if (process != null) {
      process.destroy();
      process.waitFor(5, TimeUnit.SECONDS);
      process = null;
    }
  }

  @Override
  public void close() throws Exception {
    stop();
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /**
   * A new client key of {@code type} (ecdsa, ed25519, rsa) encrypted with {@code passphrase}
   * (empty: none) in {@code format} (null: OpenSSH; PEM or PKCS8), authorised for login; its
   * private key file's text.
   */
  public String newClientKey(String type, String passphrase, String format)
      throws IOException, InterruptedException {
    String name = "client_" + type + "_" + System.nanoTime();
    keygen(name, type, passphrase, format);
    Files.writeString(
        dir.resolve("authorized_keys"),
        Files.readString(dir.resolve(name + ".pub")),
        java.nio.file.StandardOpenOption.APPEND);
    return Files.readString(dir.resolve(name));
  }

  private void keygen(String name, String type, String passphrase, String format)
      throws IOException, InterruptedException {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(KEYGEN.toString(), "-q", "-t", type, "-N", passphrase, "-C", name));
    command.addAll(
        switch (type) {
          case "ecdsa" -> List.of("-b", "256");
          case "rsa" -> List.of("-b", "2048");
          default -> List.of();
        });
    if (format != null) {
      command.addAll(List.of("-m", format));
    }
    command.addAll(List.of("-f", dir.resolve(name).toString()));
    Process keygen = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(keygen.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(keygen.exitValue()).as("ssh-keygen " + name).isZero();
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("sshd.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }
}
