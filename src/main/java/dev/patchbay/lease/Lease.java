package dev.patchbay.lease;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Exclusive use of a set of devices by one holder until {@link #getExpiresAt()}, unless renewed or
 * released first. Only a hash of the secret token is stored.
 */
@Entity
@Table(name = "lease")
public class Lease {

  /** Random, not sequential: {@code LeaseTokens#newId}. */
  @Id private Long id;

  @Column(nullable = false, length = 200)
  private String holder;

  @Column(length = 2000)
  private String reason;

  @Column(name = "token_hash", nullable = false, length = 64)
  private String tokenHash;

  @Column(name = "fencing_token", nullable = false)
  private long fencingToken;

  @Column(name = "ttl_seconds", nullable = false)
  private long ttlSeconds;

  @ElementCollection
  @CollectionTable(name = "lease_device", joinColumns = @JoinColumn(name = "lease_id"))
  @OrderColumn(name = "position")
  @Column(name = "device_name", nullable = false)
  private List<String> devices = new ArrayList<>();

  @Column(name = "granted_at", nullable = false)
  private Instant grantedAt;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  @Column(name = "ended_at")
  private Instant endedAt;

  @Column(name = "end_reason", length = 16)
  private String endReason;

  protected Lease() {}

  Lease(
      long id,
      String holder,
      String reason,
      String tokenHash,
      long fencingToken,
      List<String> devices,
      long ttlSeconds,
      Instant grantedAt) {
    this.id = id;
    this.holder = holder;
    this.reason = reason;
    this.tokenHash = tokenHash;
    this.fencingToken = fencingToken;
    this.devices = new ArrayList<>(devices);
    this.ttlSeconds = ttlSeconds;
    this.grantedAt = grantedAt;
    this.expiresAt = grantedAt.plusSeconds(ttlSeconds);
  }

  /** A lease as stored, read without the persistence context ({@link LeaseLedger}). */
  static Lease stored(
      long id,
      String holder,
      String reason,
      String tokenHash,
      long fencingToken,
      List<String> devices,
      long ttlSeconds,
      Instant grantedAt,
      Instant expiresAt,
      Instant endedAt,
      String endReason) {
    Lease lease =
        new Lease(id, holder, reason, tokenHash, fencingToken, devices, ttlSeconds, grantedAt);
    lease.expiresAt = expiresAt;
    lease.endedAt = endedAt;
    lease.endReason = endReason;
    return lease;
  }

  /** Whether the lease still holds its devices at {@code now}. */
  public boolean isActiveAt(Instant now) {
    return endedAt == null && expiresAt.isAfter(now);
  }

  void renew(Instant now, long ttlSeconds) {
    this.ttlSeconds = ttlSeconds;
    this.expiresAt = now.plusSeconds(ttlSeconds);
  }

  /**
   * Ends the lease at {@code now}, or at its expiry when that came first: the end is when it
   * stopped holding its devices, so that it never overlaps the lease that took them over after the
   * expiry.
   */
  void end(Instant now, LeaseEndReason why) {
    this.endedAt = now.isBefore(expiresAt) ? now : expiresAt;
    this.endReason = why.name();
  }

  public Long getId() {
    return id;
  }

  public String getHolder() {
    return holder;
  }

  public String getReason() {
    return reason;
  }

  String getTokenHash() {
    return tokenHash;
  }

  public long getFencingToken() {
    return fencingToken;
  }

  public long getTtlSeconds() {
    return ttlSeconds;
  }

  public List<String> getDevices() {
    return devices;
  }

  public Instant getGrantedAt() {
    return grantedAt;
  }

  public Instant getExpiresAt() {
    return expiresAt;
  }

  public Instant getEndedAt() {
    return endedAt;
  }

  public LeaseEndReason getEndReason() {
    return endReason == null ? null : LeaseEndReason.valueOf(endReason);
  }
}
