package dev.patchbay.security;

import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

/**
 * The persisted SSH host keys. The first key seen for an endpoint is pinned (trust on first use); a
 * concurrent first connection that loses the race keeps the key pinned by the winner.
 */
@Service
public class HostKeyStore {

  private final KnownHostKeyRepository repository;

  public HostKeyStore(KnownHostKeyRepository repository) {
    this.repository = repository;
  }

  public Optional<KnownHostKey> pinned(String endpoint) {
    return repository.findByEndpoint(endpoint);
  }

  /** Pins a key for an endpoint unless one is pinned already. */
  public void pin(String endpoint, String keyType, String fingerprint) {
    if (repository.findByEndpoint(endpoint).isPresent()) {
      return;
    }
    try {
      repository.saveAndFlush(new KnownHostKey(endpoint, keyType, fingerprint, Instant.now()));
    } catch (DataIntegrityViolationException e) {
      // another connection pinned it first
    }
  }

  /** Forgets the pinned key of an endpoint (an administrator accepted a new key). */
  public void forget(String endpoint) {
    repository.findByEndpoint(endpoint).ifPresent(repository::delete);
  }
}
