package dev.patchbay.connection.ssh;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The one {@link SshClient} (NIO2) shared by every SSH connection, started on first use and stopped
 * with the application. TCP_NODELAY is on: CLI traffic is many tiny request/response exchanges that
 * Nagle's algorithm and delayed ACKs would slow by ~40 ms each. It reads no {@code ~/.ssh} files:
 * identities come with each connection's settings and host keys from its {@link KnownHosts},
 * decided per session by its {@link HostKeyCheck}.
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

  private static ServerKeyVerifier perSessionVerifier() {
    return (session, remote, key) -> {
      AttributeRepository context = session.getConnectionContext();
      HostKeyCheck check = context == null ? null : context.getAttribute(HostKeyCheck.KEY);
      return check != null && check.verify(key);
    };
  }
}
