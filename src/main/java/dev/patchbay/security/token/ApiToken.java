package dev.patchbay.security.token;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * An API token: its name, role, optional testbed scope and lifetime. Only the SHA-256 hash of the
 * token is stored, with a short hint (its first characters) to tell tokens apart.
 */
@Entity
@Table(name = "api_token")
public class ApiToken {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, unique = true, length = 100)
  private String name;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  private Role role;

  @Column(name = "token_hash", nullable = false, unique = true, length = 64)
  private String tokenHash;

  @Column(nullable = false, length = 20)
  private String hint;

  /** Comma-separated testbed names; null when the token reaches every testbed. */
  @Column(length = 2000)
  private String testbeds;

  @Column(name = "created_by", length = 100)
  private String createdBy;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "expires_at")
  private Instant expiresAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  @Column(name = "last_used_at")
  private Instant lastUsedAt;

  protected ApiToken() {}

  public ApiToken(
      String name,
      Role role,
      String tokenHash,
      String hint,
      Set<String> testbeds,
      String createdBy,
      Instant createdAt,
      Instant expiresAt) {
    this.name = name;
    this.role = role;
    this.tokenHash = tokenHash;
    this.hint = hint;
    this.testbeds = testbeds == null ? null : String.join(",", new TreeSet<>(testbeds));
    this.createdBy = createdBy;
    this.createdAt = createdAt;
    this.expiresAt = expiresAt;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public Role getRole() {
    return role;
  }

  public String getTokenHash() {
    return tokenHash;
  }

  public String getHint() {
    return hint;
  }

  /** The testbeds this token may reach; null for all. */
  public Set<String> getTestbeds() {
    return testbeds == null ? null : new TreeSet<>(Arrays.asList(testbeds.split(",")));
  }

  public String getCreatedBy() {
    return createdBy;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getExpiresAt() {
    return expiresAt;
  }

  public Instant getRevokedAt() {
    return revokedAt;
  }

  public Instant getLastUsedAt() {
    return lastUsedAt;
  }

  /** Whether the token authenticates at {@code now}: neither revoked nor expired. */
  public boolean isActive(Instant now) {
    return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
  }

  void revoke(Instant now) {
    if (revokedAt == null) {
      revokedAt = now;
    }
  }

  void used(Instant now) {
    lastUsedAt = now;
  }
}
