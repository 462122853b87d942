package dev.patchbay.hostkey;

import dev.patchbay.audit.AuditLog;
import dev.patchbay.audit.AuditOutcome;
import dev.patchbay.connection.ConnectionSettings;
import dev.patchbay.connection.ssh.KnownHosts;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The SSH host keys pinned per connection definition. The first key seen is pinned (trust on first
 * use); a concurrent first connection that loses the race keeps the key pinned by the winner. An
 * operator may pin or forget a key. Pinning, refusing and forgetting a key are audited ({@code
 * host-key.pin}, {@code host-key.mismatch}, {@code host-key.forget}) when the audit log is present.
 * It is the SSH driver's {@link KnownHosts}.
 */
@Service
public class HostKeyStore implements KnownHosts {

  private final KnownHostKeyRepository repository;
  private final ObjectProvider<AuditLog> audit;
  private final JdbcClient jdbc;

  public HostKeyStore(
      KnownHostKeyRepository repository, ObjectProvider<AuditLog> audit, JdbcClient jdbc) {
    this.repository = repository;
    this.audit = audit;
    this.jdbc = jdbc;
  }

  /** The key pinned for connection definition {@code connectionId}. */
  public Optional<KnownHostKey> pinned(long connectionId) {
    return repository.findById(connectionId);
  }

  /**
   * One statement, no JPA transaction: every SSH open (and reconnect) asks before it connects, and
   * a JPA read opened a Hibernate session for it.
   */
  @Override
  public Optional<String> pinnedFingerprint(ConnectionSettings.Definition definition) {
    return jdbc.sql("select fingerprint from connection_host_key where connection_id = ?")
        .param(definition.id())
        .query(String.class)
        .optional();
  }

  /** Pins a key for {@code definition} unless one is pinned already. */
  @Override
  public void pin(
      ConnectionSettings.Definition definition,
      String endpoint,
      String keyType,
      String fingerprint) {
    long connectionId = definition.id();
    if (repository.existsById(connectionId)) {
      return;
    }
    try {
      repository.saveAndFlush(
          new KnownHostKey(
              connectionId,
              endpoint,
              keyType,
              fingerprint,
              Instant.now().truncatedTo(ChronoUnit.MICROS)));
    } catch (DataIntegrityViolationException e) {
      return; // another connection pinned it first
    }
    record(
        null,
        "host-key.pin",
        definition.device(),
        AuditOutcome.SUCCESS,
        "connection '"
            + definition.connection()
            + "' ("
            + endpoint
            + "): pinned "
            + keyType
            + " key "
            + fingerprint
            + " on first use");
  }

  /**
   * Pins {@code fingerprint} for a definition on an operator's ({@code actor}'s) word, replacing
   * any pinned key.
   */
  public KnownHostKey replace(
      long connectionId,
      String device,
      String connection,
      String endpoint,
      String keyType,
      String fingerprint,
      String actor) {
    KnownHostKey key =
        repository.saveAndFlush(
            new KnownHostKey(
                connectionId,
                endpoint,
                keyType,
                fingerprint,
                Instant.now().truncatedTo(ChronoUnit.MICROS)));
    record(
        actor,
        "host-key.pin",
        device,
        AuditOutcome.SUCCESS,
        "connection '" + connection + "' (" + endpoint + "): pinned key " + fingerprint);
    return key;
  }

  /** Audits a connection refused because of its host key; {@code detail} names both keys. */
  @Override
  public void refused(String device, String detail) {
    record(null, "host-key.mismatch", device, AuditOutcome.REFUSED, detail);
  }

  /**
   * Forgets the key pinned for a definition (an operator accepted a changed key), so that the next
   * connection pins the key it is shown. False when none was pinned.
   */
  public boolean forget(long connectionId, String device, String connection, String actor) {
    Optional<KnownHostKey> pinned = repository.findById(connectionId);
    if (pinned.isEmpty()) {
      return false;
    }
    repository.delete(pinned.get());
    record(
        actor,
        "host-key.forget",
        device,
        AuditOutcome.SUCCESS,
        "connection '" + connection + "': forgot pinned key " + pinned.get().getFingerprint());
    return true;
  }

  private void record(
      String actor, String action, String device, AuditOutcome outcome, String detail) {
    audit.ifAvailable(log -> log.record(actor, action, List.of(device), outcome, detail));
  }
}
