package dev.patchbay.connection.ssh;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import dev.patchbay.connection.BaseConnection;
import dev.patchbay.connection.ConnectionSettings;
import dev.patchbay.connection.HostKeyPolicy;
import dev.patchbay.connection.LoginCredentials;
import dev.patchbay.io.AuthFailedException;
import dev.patchbay.io.ConnectionException;
import dev.patchbay.io.DeviceUnreachableException;
import dev.patchbay.io.HostKeyMismatchException;
import dev.patchbay.io.OperationTimeoutException;
import dev.patchbay.io.ProtocolErrorException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * SSH driver (Apache MINA SSHD client): a session on the shared client offering the connection's
 * algorithms ({@code ssh_options}, else OpenSSH's defaults; see {@link Handshake}), authenticated
 * by password, private key (ed25519, ECDSA, RSA; OpenSSH or PEM; an encrypted key opened with the
 * password) or keyboard-interactive (answered with the password), host key checked against the
 * {@link KnownHosts} by the definition's policy, keepalive heartbeat, and one xterm PTY shell
 * channel whose output MINA's I/O threads hand to the terminal (no thread of its own). Jump hops in
 * {@code proxy} are reached first and the device through a port forwarded over them ({@link
 * SshTunnel}).
 */
public final class SshConnection extends BaseConnection {

  private static final Duration BREAK_LENGTH = Duration.ofMillis(500);

  private final SshClientHolder clients;
  private final KnownHosts knownHosts;
  private volatile ClientSession session;
  private volatile SshTunnel tunnel;
  private volatile ChannelShell channel;
  private volatile OutputStream input;

  public SshConnection(
      ConnectionSettings settings, SshClientHolder clients, KnownHosts knownHosts) {
    super(settings);
    this.clients = clients;
    this.knownHosts = knownHosts;
  }

  @Override
  protected boolean loginOnCli() {
    return false;
  }

  @Override
  protected void openTransport() {
    ConnectionSettings settings = settings();
    tunnel =
        SshTunnel.open(settings.proxy(), settings.host(), settings.port(), clients, knownHosts);
    try {
      session = authenticate(settings, tunnel.address());
    } catch (ConnectionException e) {
      tunnel.throwIfRefused();
      throw e;
    }
    try {
      ChannelShell shell = session.createShellChannel();
      shell.setPtyType("xterm");
      shell.setPtyColumns(settings.columns());
      shell.setPtyLines(settings.rows());
      shell.setRedirectErrorStream(true);
      shell.setOut(new TerminalSink());
      shell.open().verify(settings.timeouts().login());
      shell.addCloseFutureListener(future -> transportEnded(null));
      input = shell.getInvertedIn();
      channel = shell;
    } catch (IOException e) {
      throw unreachable("shell channel", e);
    }
  }

  /**
   * An authenticated session to a proxy hop at {@code address}, its host key checked and pinned.
   */
  static ClientSession hopSession(
      ConnectionSettings hop,
      SshdSocketAddress address,
      SshClientHolder clients,
      KnownHosts knownHosts) {
    return new SshConnection(hop, clients, knownHosts).authenticate(hop, address);
  }

  private ClientSession authenticate(ConnectionSettings settings, SshdSocketAddress address) {
    String endpoint = settings.endpoint();
    ConnectionSettings.Definition definition = settings.definition();
    HostKeyPolicy policy = settings.options().hostKeyPolicy();
    HostKeyCheck check =
        new HostKeyCheck(
            policy,
            policy == HostKeyPolicy.INSECURE || definition == null
                ? null
                : knownHosts.pinnedFingerprint(definition).orElse(null));
    Handshake handshake = new Handshake(settings.options().ssh());
    LoginCredentials credentials = settings.credentials();
    Iterable<KeyPair> keys = keysOf(settings);
    ClientSession opened;
    try {
      opened =
          clients
              .client()
              .connect(
                  credentials.username(),
                  address.getHostName(),
                  address.getPort(),
                  AttributeRepository.ofAttributesMap(
                      Map.of(HostKeyCheck.KEY, check, Handshake.KEY, handshake)),
                  null)
              .verify(settings.timeouts().connect())
              .getSession();
    } catch (IOException e) {
      if (handshake.firstLine() != null && !handshake.identified()) {
        throw new ProtocolErrorException(
            endpoint + " is not an SSH server: it sent '" + handshake.firstLine() + "'", e);
      }
      throw connectFailure(settings, e);
    }
    try {
      CoreModuleProperties.HEARTBEAT_INTERVAL.set(opened, settings.options().keepalive());
      Integer countMax = settings.options().ssh().serverAliveCountMax();
      if (countMax != null && countMax > 0 && !settings.options().keepalive().isZero()) {
        // like OpenSSH: ask for a reply each interval, give up after countMax unanswered
        CoreModuleProperties.HEARTBEAT_REQUEST.set(opened, "keepalive@openssh.com");
        CoreModuleProperties.HEARTBEAT_REPLY_WAIT.set(opened, settings.options().keepalive());
        CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(opened, countMax);
      }
      if (keys != null) {
        keys.forEach(opened::addPublicKeyIdentity);
      }
      if (credentials.password() != null) {
        opened.addPasswordIdentity(credentials.password());
      }
      opened.auth().verify(settings.timeouts().login());
      handshake.authenticated(opened);
    } catch (IOException | RuntimeException e) {
      closeQuietly(opened);
      throw authFailure(settings, check, handshake, e);
    }
    if (check.shouldPin() && definition != null) {
      knownHosts.pin(definition, endpoint, check.presentedType(), check.presentedFingerprint());
    }
    return opened;
  }

  /**
   * Why a session did not authenticate, told apart by what the handshake saw: a refused host key,
   * no SSH server ({@code protocol-error}), no algorithm in common ({@code
   * ssh-negotiation-failed}), a timeout, the server refusing the credentials ({@code auth-failed}),
   * or the session ending otherwise ({@code device-unreachable}).
   */
  private ConnectionException authFailure(
      ConnectionSettings settings, HostKeyCheck check, Handshake handshake, Exception e) {
    String endpoint = settings.endpoint();
    if (check.refused()) {
      return refused(settings, check);
    }
    if (handshake.negotiationFailed()) {
      return handshake.failure(endpoint);
    }
    boolean timeout = e instanceof IOException io && isTimeout(io);
    if (!handshake.identified()) {
      if (handshake.firstLine() != null) {
        return new ProtocolErrorException(
            endpoint + " is not an SSH server: it sent '" + handshake.firstLine() + "'", e);
      }
      return timeout
          ? new OperationTimeoutException(
              endpoint + " sent no SSH identification within " + settings.timeouts().login(), e)
          : new ProtocolErrorException(
              endpoint + " closed the connection without identifying as an SSH server", e);
    }
    if (timeout) {
      return new OperationTimeoutException("SSH login to " + endpoint + " timed out", e);
    }
    if (handshake.negotiated() && refusedCredentials(e)) {
      return new AuthFailedException(
          "SSH authentication to "
              + endpoint
              + " as '"
              + settings.credentials().username()
              + "' failed: the device refused the credentials",
          null,
          e);
    }
    return new DeviceUnreachableException(
        "SSH session to " + endpoint + " ended before authentication: " + e.getMessage(), e);
  }

  /** MINA's word for a server that accepted none of the offered credentials. */
  private static boolean refusedCredentials(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (message.contains("No more authentication methods")
          || message.contains("authentication methods available")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The credential's private key pairs (OpenSSH or PEM: ed25519, ECDSA, RSA), an encrypted one
   * opened with the credential's password; a key that cannot be read is a {@code validation}
   * problem (the device was not asked).
   */
  private static Iterable<KeyPair> keysOf(ConnectionSettings settings) {
    LoginCredentials credentials = settings.credentials();
    if (credentials.privateKey() == null) {
      return null;
    }
    try {
      return SecurityUtils.loadKeyPairIdentities(
          null,
          NamedResource.ofName("credential"),
          new ByteArrayInputStream(credentials.privateKey().getBytes(UTF_8)),
          credentials.password() == null
              ? FilePasswordProvider.EMPTY
              : FilePasswordProvider.of(credentials.password()));
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new PatchbayException(
          ProblemType.VALIDATION,
          "the private key of connection '"
              + settings.name()
              + "' cannot be read (an encrypted key is opened with the credential's password): "
              + e.getMessage(),
          List.of(),
          Map.of());
    }
  }

  /** The mismatch problem, audited. */
  private HostKeyMismatchException refused(ConnectionSettings settings, HostKeyCheck check) {
    ConnectionSettings.Definition definition = settings.definition();
    HostKeyMismatchException mismatch =
        new HostKeyMismatchException(
            settings.name(),
            settings.endpoint(),
            check.pinnedFingerprint(),
            check.presentedFingerprint(),
            definition == null
                ? null
                : "/api/v1/devices/"
                    + definition.device()
                    + "/connections/"
                    + definition.connection()
                    + "/host-key");
    knownHosts.refused(
        definition == null ? settings.name() : definition.device(), mismatch.getMessage());
    return mismatch;
  }

  private ConnectionException connectFailure(ConnectionSettings settings, IOException e) {
    return isTimeout(e)
        ? new OperationTimeoutException("connecting to " + settings.endpoint() + " timed out", e)
        : unreachable(settings.endpoint(), e);
  }

  private static boolean isTimeout(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.util.concurrent.TimeoutException
          || t instanceof java.net.SocketTimeoutException
          || String.valueOf(t.getMessage()).contains("timeout")) {
        return true;
      }
    }
    return false;
  }

  @Override
  protected void closeTransport() {
    closeQuietly(session);
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

  /** RFC 4335 break request. */
  @Override
  protected void sendBreakToTransport() throws IOException {
    ChannelShell shell = channel;
    Buffer request = session.createBuffer(SshConstants.SSH_MSG_CHANNEL_REQUEST, 32);
    request.putUInt(shell.getRecipient());
    request.putString("break");
    request.putBoolean(false);
    request.putUInt(BREAK_LENGTH.toMillis());
    shell.writePacket(request);
  }

  private static void closeQuietly(ClientSession closing) {
    if (closing != null) {
      closing.close(true);
    }
  }

  /** Receives channel output on MINA's I/O thread and publishes it without blocking. */
  private final class TerminalSink extends OutputStream {

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] data, int offset, int length) {
      received(data, offset, length);
    }
  }
}
