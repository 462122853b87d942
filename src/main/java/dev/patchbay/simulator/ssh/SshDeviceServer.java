package dev.patchbay.simulator.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactoryFactory;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.keyboard.DefaultKeyboardInteractiveAuthenticator;
import org.apache.sshd.server.auth.keyboard.UserAuthKeyboardInteractiveFactory;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * A simulated device's SSH endpoint: an Apache MINA SSHD server (NIO2) on 127.0.0.1 with password,
 * public-key and keyboard-interactive authentication and a persistent host key, serving the device
 * CLI on {@code shell} and {@code exec} channels.
 */
public final class SshDeviceServer implements AutoCloseable {

  private static final int IO_WORKERS = 2;
  private static final int ACCEPT_BACKLOG = 1024;
  private static final int HOST_KEY_BITS = 256;

  private final SshServer server;
  private final String hostKeyFingerprint;

  private SshDeviceServer(SshServer server, String hostKeyFingerprint) {
    this.server = server;
    this.hostKeyFingerprint = hostKeyFingerprint;
  }

  /** Starts serving {@code config}; timers run on the shared {@code scheduler}. */
  public static SshDeviceServer start(SshDeviceConfig config, ScheduledExecutorService scheduler) {
    SshServer server = SshServer.setUpDefaultServer();
    server.setIoServiceFactoryFactory(new Nio2ServiceFactoryFactory());
    CoreModuleProperties.NIO_WORKERS.set(server, IO_WORKERS);
    CoreModuleProperties.SOCKET_BACKLOG.set(server, ACCEPT_BACKLOG);
    // Echoed keystrokes are tiny writes: without this each waits on Nagle plus delayed ACK.
    CoreModuleProperties.TCP_NODELAY.set(server, true);
    server.setScheduledExecutorService(scheduler, false);
    server.setHost("127.0.0.1");
    server.setPort(config.port());
    SimpleGeneratorHostKeyProvider hostKeys =
        new SimpleGeneratorHostKeyProvider(config.hostKeyFile());
    hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
    hostKeys.setKeySize(HOST_KEY_BITS);
    server.setKeyPairProvider(hostKeys);
    String username = config.identity().username();
    server.setPasswordAuthenticator(
        (user, password, session) ->
            username.equals(user) && config.identity().password().equals(password));
    server.setPublickeyAuthenticator(
        (user, key, session) ->
            config.authorizedKey() != null
                && username.equals(user)
                && KeyUtils.compareKeys(config.authorizedKey(), key));
    server.setKeyboardInteractiveAuthenticator(DefaultKeyboardInteractiveAuthenticator.INSTANCE);
    server.setUserAuthFactories(
        List.of(
            UserAuthPublicKeyFactory.INSTANCE,
            UserAuthKeyboardInteractiveFactory.INSTANCE,
            UserAuthPasswordFactory.INSTANCE));
    server.setShellFactory(
        channel -> new CliCommand(config.profile(), config.identity(), scheduler, null));
    server.setCommandFactory(
        (channel, command) ->
            new CliCommand(config.profile(), config.identity(), scheduler, command));
    try {
      String fingerprint = KeyUtils.getFingerPrint(firstKey(hostKeys).getPublic());
      server.start();
      return new SshDeviceServer(server, fingerprint);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot start simulated SSH device on port " + config.port(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot load host key " + config.hostKeyFile(), e);
    }
  }

  private static KeyPair firstKey(SimpleGeneratorHostKeyProvider hostKeys)
      throws IOException, GeneralSecurityException {
    Iterator<KeyPair> keys = hostKeys.loadKeys(null).iterator();
    if (!keys.hasNext()) {
      throw new GeneralSecurityException("no host key generated");
    }
    return keys.next();
  }

  /** The port actually listened on. */
  public int port() {
    return ((InetSocketAddress) server.getBoundAddresses().iterator().next()).getPort();
  }

  /** SHA-256 fingerprint of the host key, as OpenSSH prints it ({@code SHA256:...}). */
  public String hostKeyFingerprint() {
    return hostKeyFingerprint;
  }

  /** Stops listening and closes every session. */
  @Override
  public void close() {
    try {
      server.stop(true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
