package dev.patchbay.security;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** Pinned SSH host keys by endpoint. */
public interface KnownHostKeyRepository extends JpaRepository<KnownHostKey, Long> {

  Optional<KnownHostKey> findByEndpoint(String endpoint);
}
