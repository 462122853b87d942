package dev.patchbay.connection.ssh;

import java.util.List;
import java.util.Map;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The one {@link SshClient} (NIO2) shared by every SSH connection, started on first use and stopped
 * with the application. TCP_NODELAY is on: CLI traffic is many tiny request/response exchanges that
 * Nagle's algorithm and delayed ACKs would slow by ~40 ms each. It reads no {@code ~/.ssh} files:
 * identities come with each connection's settings and host keys from its {@link KnownHosts},
 * decided per session by its {@link HostKeyCheck}; algorithms are set per session by its {@link
 * Handshake}, which also records how a failed handshake failed.
 */
@Component
public class SshClientHolder implements DisposableBean {

  private SshClient client;

  synchronized SshClient client() {
    if (client == null) {
      SshClient created = SshClient.setUpDefaultClient();
      created.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
      created.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
      created.setServerKeyVerifier(perSessionVerifier());
      created.addSessionListener(new HandshakeListener());
      CoreModuleProperties.TCP_NODELAY.set(created, true);
      created.start();
      client = created;
    }
    return client;
  }

  @Override
  public synchronized void destroy() {
    if (client != null) {
      client.stop();
      client = null;
    }
  }

  /** Hands each session's events to the {@link Handshake} of its connection attempt. */
  private static final class HandshakeListener implements SessionListener {

    private static Handshake handshake(Session session) {
      AttributeRepository context =
          session instanceof ClientSession client ? client.getConnectionContext() : null;
      return context == null ? null : context.getAttribute(Handshake.KEY);
    }

    /** After the constructor (which sets the connection context), before the KEXINIT is sent. */
    @Override
    public void sessionCreated(Session session) {
      Handshake handshake = handshake(session);
      if (handshake != null && session instanceof ClientSession client) {
        handshake.configure(client);
      }
    }

    @Override
    public void sessionEvent(Session session, Event event) {
      Handshake handshake = handshake(session);
      if (handshake != null && event == Event.KeyEstablished) {
        handshake.keyEstablished((ClientSession) session);
      }
    }

    @Override
    public void sessionPeerIdentificationLine(Session session, String line, List<String> extra) {
      Handshake handshake = handshake(session);
      if (handshake != null) {
        handshake.line(line);
      }
    }

    @Override
    public void sessionPeerIdentificationReceived(
        Session session, String version, List<String> extra) {
      Handshake handshake = handshake(session);
      if (handshake != null) {
        handshake.identified(version);
      }
    }

    @Override
    public void sessionNegotiationEnd(
        Session session,
        Map<KexProposalOption, String> clientProposal,
        Map<KexProposalOption, String> serverProposal,
        Map<KexProposalOption, String> negotiatedOptions,
        Throwable reason) {
      Handshake handshake = handshake(session);
      if (handshake != null) {
        handshake.negotiationEnded(clientProposal, serverProposal, reason);
      }
    }
  }

  private static ServerKeyVerifier perSessionVerifier() {
    return (session, remote, key) -> {
      AttributeRepository context = session.getConnectionContext();
      HostKeyCheck check = context == null ? null : context.getAttribute(HostKeyCheck.KEY);
      return check != null && check.verify(key);
    };
  }
}
