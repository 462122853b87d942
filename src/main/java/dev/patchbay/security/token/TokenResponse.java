package dev.patchbay.security.token;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Set;

/**
 * An API token as listed: never the token itself, only its hint. {@code token} is set once, in the
 * answer to its creation.
 */
public record TokenResponse(
    long id,
    String name,
    Role role,
    @Schema(description = "Testbeds the token may reach; absent: every testbed")
        Set<String> testbeds,
    @Schema(description = "The first characters of the token") String hint,
    String createdBy,
    Instant createdAt,
    Instant expiresAt,
    Instant revokedAt,
    Instant lastUsedAt,
    boolean active,
    @Schema(description = "The token; only in the answer to its creation, never again")
        String token) {

  static TokenResponse of(ApiToken t, Instant now) {
    return of(t, now, null);
  }

  static TokenResponse of(ApiToken t, Instant now, String token) {
    return new TokenResponse(
        t.getId(),
        t.getName(),
        t.getRole(),
        t.getTestbeds(),
        t.getHint(),
        t.getCreatedBy(),
        t.getCreatedAt(),
        t.getExpiresAt(),
        t.getRevokedAt(),
        t.getLastUsedAt(),
        t.isActive(now),
        token);
  }
}
