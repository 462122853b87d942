package dev.patchbay.connection.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.cli.ExecuteRequest;
import dev.patchbay.cli.OsProfile;
import dev.patchbay.connection.ConnectionSettings;
import dev.patchbay.connection.DriverOptions;
import dev.patchbay.connection.HostKeyPolicy;
import dev.patchbay.connection.LoginCredentials;
import dev.patchbay.hostkey.HostKeyStore;
import dev.patchbay.io.AuthFailedException;
import dev.patchbay.testpeer.FakeRouter;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.keyboard.DefaultKeyboardInteractiveAuthenticator;
import org.apache.sshd.server.auth.keyboard.UserAuthKeyboardInteractiveFactory;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keyboard-interactive authentication, answered with the credential's password, against an
 * in-process MINA SSHD server that offers nothing else (the IOS-like test peer as its shell).
 */
@DataJpaTest
@Import(HostKeyStore.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@Timeout(30)
class SshKeyboardInteractiveTest {

  private static SshServer server;
  private final SshClientHolder clients = new SshClientHolder();

  @Autowired HostKeyStore hostKeys;

  @BeforeAll
  static void startServer() throws Exception {
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider());
    server.setPasswordAuthenticator(
        (user, password, session) -> "admin".equals(user) && "secret".equals(password));
    server.setKeyboardInteractiveAuthenticator(DefaultKeyboardInteractiveAuthenticator.INSTANCE);
    server.setUserAuthFactories(List.of(UserAuthKeyboardInteractiveFactory.INSTANCE));
    server.setShellFactory(channel -> new FakeRouterShell());
    server.start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.stop(true);
  }

  private SshConnection connection(String password) {
    return new SshConnection(
        ConnectionSettings.network(
                "kbd",
                "127.0.0.1",
                server.getPort(),
                new LoginCredentials("admin", password, null, null),
                OsProfile.forOs("iosxe"))
            .withOptions(DriverOptions.DEFAULT.withHostKeyPolicy(HostKeyPolicy.INSECURE)),
        clients,
        hostKeys);
  }

  @Test
  void answersKeyboardInteractiveWithThePassword() {
    try (SshConnection connection = connection("secret")) {
      connection.open();
      assertThat(connection.execute(ExecuteRequest.of("show version")).output())
          .startsWith("Cisco IOS XE");
    } finally {
      clients.destroy();
    }
  }

  @Test
  void wrongPasswordIsAuthFailed() {
    SshConnection connection = connection("wrong");
    try {
      assertThatThrownBy(connection::open).isInstanceOf(AuthFailedException.class);
    } finally {
      clients.destroy();
    }
  }

  /** Runs the test peer on the shell channel's streams. */
  private static final class FakeRouterShell implements Command {
    private InputStream in;
    private OutputStream out;
    private ExitCallback exit;
    private Thread thread;

    @Override
    public void setInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {}

    @Override
    public void setExitCallback(ExitCallback callback) {
      this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
      thread =
          Thread.ofPlatform()
              .daemon()
              .start(
                  () -> {
                    try {
                      new FakeRouter(in, out, false).serve();
                    } catch (Exception e) {
                      // client gone
                    }
                    exit.onExit(0);
                  });
    }

    @Override
    public void destroy(ChannelSession channel) {
      thread.interrupt();
    }
  }
}
