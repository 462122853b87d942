package dev.patchbay.security.token;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Stored API tokens. */
public interface ApiTokenRepository extends JpaRepository<ApiToken, Long> {

  Optional<ApiToken> findByTokenHash(String tokenHash);

  boolean existsByName(String name);

  /** Tokens of {@code role} that authenticate at {@code now}, as {@link ApiToken#isActive}. */
  @Query(
      "select count(t) from ApiToken t where t.role = :role and t.revokedAt is null"
          + " and (t.expiresAt is null or t.expiresAt > :now)")
  long countActive(@Param("role") Role role, @Param("now") Instant now);

  /** Hashes of the tokens revoked after {@code since}. */
  @Query("select t.tokenHash from ApiToken t where t.revokedAt > :since")
  List<String> findHashesRevokedSince(@Param("since") Instant since);
}
