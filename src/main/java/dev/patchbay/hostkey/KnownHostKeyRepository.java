package dev.patchbay.hostkey;

import org.springframework.data.jpa.repository.JpaRepository;

/** Pinned SSH host keys by connection definition id. */
public interface KnownHostKeyRepository extends JpaRepository<KnownHostKey, Long> {}
