package dev.patchbay.connection.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.api.ProblemType;
import dev.patchbay.cli.ExecuteRequest;
import dev.patchbay.cli.OsProfile;
import dev.patchbay.connection.ConnectionSettings;
import dev.patchbay.connection.ConnectionState;
import dev.patchbay.connection.DriverOptions;
import dev.patchbay.connection.HostKeyPolicy;
import dev.patchbay.connection.LoginCredentials;
import dev.patchbay.connection.SshOptions;
import dev.patchbay.io.AuthFailedException;
import dev.patchbay.io.CommandErrorException;
import dev.patchbay.io.ConnectionException;
import dev.patchbay.io.ProtocolErrorException;
import dev.patchbay.io.SshNegotiationFailedException;
import dev.patchbay.testpeer.NoKnownHosts;
import dev.patchbay.testpeer.OpenSshServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SSH algorithms and handshake failures against real OpenSSH servers on loopback: an ed25519-only
 * server, one restricted to legacy algorithms reached through {@code ssh_options}, client keys of
 * every type and format, a peer that is no SSH server, and a wrong password. Every failure is
 * bounded by the connection's timeouts.
 */
@Timeout(120)
class SshAlgorithmsOpenSshTest {

  private static final String LEGACY_OPTIONS =
      "-oKexAlgorithms=+diffie-hellman-group14-sha1 -oHostkeyAlgorithms=+ssh-rsa";

  /** sshd offering only what old IOS does: DH group14 with SHA-1 and ssh-rsa host keys. */
  private static final List<String> LEGACY_SSHD =
      List.of("KexAlgorithms diffie-hellman-group14-sha1", "HostKeyAlgorithms ssh-rsa");

  private final SshClientHolder clients = new SshClientHolder();

  @AfterEach
  void stopClient() {
    clients.destroy();
  }

  private SshConnection connection(int port, LoginCredentials login, String sshOptions) {
    return connection(port, login, sshOptions, Duration.ofSeconds(10));
  }

  private SshConnection connection(
      int port, LoginCredentials login, String sshOptions, Duration loginTimeout) {
    SshOptions.Parsed parsed = SshOptions.parse(sshOptions);
    assertThat(parsed.problems()).isEmpty();
    OsProfile linux = OsProfile.forOs("linux");
    ConnectionSettings settings =
        ConnectionSettings.network("linux/cli", "127.0.0.1", port, login, linux)
            .withTimeouts(
                new ConnectionSettings.Timeouts(
                    Duration.ofSeconds(5), loginTimeout, Duration.ofSeconds(10)))
            .withOptions(
                new DriverOptions(
                    HostKeyPolicy.INSECURE,
                    parsed.options().serverAliveInterval() != null
                        ? parsed.options().serverAliveInterval() // as the manager applies it
                        : DriverOptions.DEFAULT.keepalive(),
                    false,
                    false,
                    true,
                    parsed.options()));
    return new SshConnection(settings, clients, new NoKnownHosts());
  }

  private static LoginCredentials key(String privateKey, String passphrase) {
    return new LoginCredentials("root", passphrase, privateKey, null);
  }

  private static void opensAndExecutes(SshConnection connection) {
    try (connection) {
      connection.open();
      assertThat(connection.execute(ExecuteRequest.of("echo patch-$((40+2))")).output())
          .isEqualTo("patch-42");
    }
  }

  @Test
  void ed25519OnlyServerOpensAndExecutes() throws Exception {
    try (OpenSshServer sshd = new OpenSshServer("ed25519")) {
      sshd.start("a", List.of("HostKeyAlgorithms ssh-ed25519"));
      opensAndExecutes(connection(sshd.port(), key(sshd.clientKey(), null), null));
    }
  }

  @Test
  void aCurrentOpenSshNegotiatesAesGcmTheCipherOfferedFirst() throws Exception {
    try (OpenSshServer sshd = new OpenSshServer("ed25519")) {
      // First value wins in sshd_config: DEBUG1 logs the negotiated algorithms.
      sshd.start("a", List.of("LogLevel DEBUG1"));
      opensAndExecutes(connection(sshd.port(), key(sshd.clientKey(), null), null));
      assertThat(Files.readString(sshd.directory().resolve("sshd.log")))
          .contains("kex: client->server cipher: aes128-gcm@openssh.com")
          .contains("kex: server->client cipher: aes128-gcm@openssh.com");
    }
  }

  @Test
  void aCommandBashDoesNotKnowIsACommandError() throws Exception {
    try (OpenSshServer sshd = new OpenSshServer("ed25519")) {
      sshd.start("a");
      try (SshConnection bash = connection(sshd.port(), key(sshd.clientKey(), null), null)) {
        bash.open();
        assertThatThrownBy(() -> bash.execute(ExecuteRequest.of("no-such-command-pb")))
            .isInstanceOf(CommandErrorException.class)
            .hasMessageContaining("no-such-command-pb");
        assertThat(bash.execute(ExecuteRequest.of("echo still-$((6*7))")).output())
            .isEqualTo("still-42");
      }
    }
  }

  @Test
  void clientKeysOfEveryTypeAndFormatWithPassphrases() throws Exception {
    try (OpenSshServer sshd = new OpenSshServer()) {
      sshd.start("a");
      record Key(String type, String passphrase, String format) {}
      List<Key> keys =
          List.of(
              new Key("ed25519", "", null),
              new Key("ed25519", "s3cret pass", null),
              new Key("ecdsa", "s3cret pass", null),
              new Key("ecdsa", "", "PEM"),
              new Key("ecdsa", "s3cret pass", "PEM"),
              new Key("rsa", "", null),
              new Key("rsa", "s3cret pass", "PEM"),
              new Key("rsa", "", "PKCS8"),
              new Key("ecdsa", "s3cret pass", "PKCS8"));
      for (Key k : keys) {
        String privateKey = sshd.newClientKey(k.type(), k.passphrase(), k.format());
        String passphrase = k.passphrase().isEmpty() ? null : k.passphrase();
        try {
          opensAndExecutes(connection(sshd.port(), key(privateKey, passphrase), null));
        } catch (RuntimeException | AssertionError e) {
          throw new AssertionError("client key " + k + " failed: " + e.getMessage(), e);
        }
      }
    }
  }

  @Test
  void legacyServerNeedsSshOptions() throws Exception {
    try (OpenSshServer sshd = new OpenSshServer("rsa")) {
      sshd.start("a", LEGACY_SSHD);
      SshConnection plain = connection(sshd.port(), key(sshd.clientKey(), null), null);
      assertThatThrownBy(plain::open)
          .isInstanceOfSatisfying(
              SshNegotiationFailedException.class,
              e -> {
                assertThat(e.type()).isEqualTo(ProblemType.SSH_NEGOTIATION_FAILED);
                assertThat(e.getMessage())
                    .contains("the device offers kex [diffie-hellman-group14-sha1]")
                    .contains("Patchbay offers [")
                    .contains("curve25519-sha256")
                    .contains("add -oKexAlgorithms=+diffie-hellman-group14-sha1 to ssh_options");
                assertThat(e.properties())
                    .containsEntry("algorithm", "kex")
                    .containsEntry("deviceOffers", List.of("diffie-hellman-group14-sha1"))
                    .containsEntry("suggestion", "-oKexAlgorithms=+diffie-hellman-group14-sha1");
              });
      assertThat(plain.state()).isEqualTo(ConnectionState.FAILED);

      SshConnection kexOnly =
          connection(
              sshd.port(),
              key(sshd.clientKey(), null),
              "-o KexAlgorithms=+diffie-hellman-group14-sha1");
      assertThatThrownBy(kexOnly::open)
          .isInstanceOf(SshNegotiationFailedException.class)
          .hasMessageContaining("the device offers host key [ssh-rsa]")
          .hasMessageContaining("add -oHostKeyAlgorithms=+ssh-rsa to ssh_options");

      opensAndExecutes(connection(sshd.port(), key(sshd.clientKey(), null), LEGACY_OPTIONS));
    }
  }

  @Test
  void pubkeyAcceptedAlgorithmsAddsSha1RsaSignatures() throws Exception {
    try (OpenSshServer sshd = new OpenSshServer()) {
      sshd.start("a", List.of("PubkeyAcceptedAlgorithms ssh-rsa"));
      String rsa = sshd.newClientKey("rsa", "", null);
      SshConnection sha2 = connection(sshd.port(), key(rsa, null), null);
      assertThatThrownBy(sha2::open).isInstanceOf(AuthFailedException.class);
      // as with the OpenSSH client, +ssh-rsa is not enough: the server advertises rsa-sha2-* in
      // server-sig-algs, so they are tried first and refused; ^ssh-rsa tries SHA-1 first
      opensAndExecutes(
          connection(sshd.port(), key(rsa, null), "-o PubkeyAcceptedKeyTypes=^ssh-rsa"));
    }
  }

  @Test
  void keepalivesAnsweredKeepTheSessionUp() throws Exception {
    try (OpenSshServer sshd = new OpenSshServer("ed25519")) {
      sshd.start("a");
      try (SshConnection connection =
          connection(
              sshd.port(),
              key(sshd.clientKey(), null),
              "-o ServerAliveInterval=1 -o ServerAliveCountMax=2")) {
        connection.open();
        Thread.sleep(3_500);
        assertThat(connection.isConnected()).isTrue();
        assertThat(connection.execute(ExecuteRequest.of("echo alive")).output()).isEqualTo("alive");
      }
    }
  }

  @Test
  void anAlgorithmListWithNothingInCommonIsANegotiationFailure() throws Exception {
    try (OpenSshServer sshd = new OpenSshServer()) {
      sshd.start("a");
      SshConnection connection =
          connection(sshd.port(), key(sshd.clientKey(), null), "-o Ciphers=aes128-cbc");
      long started = System.nanoTime();
      assertThatThrownBy(connection::open)
          .isInstanceOf(SshNegotiationFailedException.class)
          .hasMessageContaining("the device offers cipher [")
          .hasMessageContaining("Patchbay offers [aes128-cbc]")
          .hasMessageContaining("add -oCiphers=+chacha20-poly1305@openssh.com");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void wrongPasswordIsAuthFailed() throws Exception {
    try (OpenSshServer sshd = new OpenSshServer()) {
      sshd.start(
          "a", List.of("PasswordAuthentication yes", "PubkeyAuthentication no", "MaxAuthTries 2"));
      SshConnection connection =
          connection(
              sshd.port(), new LoginCredentials("root", "not-the-password", null, null), null);
      assertThatThrownBy(connection::open)
          .isInstanceOfSatisfying(
              AuthFailedException.class,
              e -> assertThat(e.type()).isEqualTo(ProblemType.AUTH_FAILED))
          .hasMessageContaining("refused the credentials");
    }
  }

  @Test
  void aPeerThatIsNoSshServerIsAProtocolError() throws Exception {
    try (GarbagePeer peer = new GarbagePeer()) {
      SshConnection connection =
          connection(peer.port(), new LoginCredentials("root", "x", null, null), null);
      long started = System.nanoTime();
      assertThatThrownBy(connection::open)
          .isInstanceOfSatisfying(
              ProtocolErrorException.class,
              e -> assertThat(e.type()).isEqualTo(ProblemType.PROTOCOL_ERROR))
          .hasMessageContaining("is not an SSH server")
          .hasMessageContaining("HTTP/1.1 400 Bad Request");
      assertThat(connection.state()).isEqualTo(ConnectionState.FAILED);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void aSilentPeerIsATimeoutWithinTheLoginTimeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      Thread holder =
          Thread.ofPlatform()
              .daemon()
              .start(
                  () -> {
                    try (Socket socket = silent.accept()) {
                      socket.getInputStream().readAllBytes(); // until the client gives up
                    } catch (IOException e) {
                      // closed
                    }
                  });
      SshConnection connection =
          connection(
              silent.getLocalPort(),
              new LoginCredentials("root", "x", null, null),
              null,
              Duration.ofSeconds(2));
      long started = System.nanoTime();
      assertThatThrownBy(connection::open)
          .isInstanceOfSatisfying(
              ConnectionException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.TIMEOUT))
          .hasMessageContaining("sent no SSH identification");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
      holder.join(5_000);
    }
  }

  @Test
  void failuresAreConnectionExceptionsWithTheirOwnTypes() {
    assertThat(ProblemType.SSH_NEGOTIATION_FAILED.slug()).isEqualTo("ssh-negotiation-failed");
    assertThat(ProblemType.PROTOCOL_ERROR.slug()).isEqualTo("protocol-error");
    assertThat(new ProtocolErrorException("x", null)).isInstanceOf(ConnectionException.class);
  }

  /** Answers every connection with a few lines of HTTP and closes it. */
  private static final class GarbagePeer implements AutoCloseable {

    private final ServerSocket server;
    private final Thread acceptor;

    GarbagePeer() throws IOException {
      server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
      acceptor =
          Thread.ofPlatform()
              .daemon()
              .name("garbage-peer")
              .start(
                  () -> {
                    while (!server.isClosed()) {
                      try (Socket socket = server.accept()) {
                        OutputStream out = socket.getOutputStream();
                        out.write(
                            "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        Thread.sleep(200);
                      } catch (IOException | InterruptedException e) {
                        return;
                      }
                    }
                  });
    }

    int port() {
      return server.getLocalPort();
    }

    @Override
    public void close() throws Exception {
      server.close();
      acceptor.join(5_000);
    }
  }
}
