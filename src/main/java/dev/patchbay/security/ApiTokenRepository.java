package dev.patchbay.security;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** Stored API tokens. */
interface ApiTokenRepository extends JpaRepository<ApiToken, Long> {

  Optional<ApiToken> findByTokenHash(String tokenHash);

  boolean existsByName(String name);

  long countByRoleAndRevokedAtIsNull(Role role);
}
