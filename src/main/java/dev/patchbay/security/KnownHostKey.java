package dev.patchbay.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The SSH host key pinned for an endpoint ({@code host:port}): type and SHA-256 fingerprint. */
@Entity
@Table(name = "known_host_key")
public class KnownHostKey {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, unique = true, length = 600)
  private String endpoint;

  @Column(name = "key_type", nullable = false, length = 100)
  private String keyType;

  @Column(nullable = false, length = 200)
  private String fingerprint;

  @Column(name = "first_seen", nullable = false)
  private Instant firstSeen;

  protected KnownHostKey() {}

  public KnownHostKey(String endpoint, String keyType, String fingerprint, Instant firstSeen) {
    this.endpoint = endpoint;
    this.keyType = keyType;
    this.fingerprint = fingerprint;
    this.firstSeen = firstSeen;
  }

  public Long getId() {
    return id;
  }

  public String getEndpoint() {
    return endpoint;
  }

  public String getKeyType() {
    return keyType;
  }

  public String getFingerprint() {
    return fingerprint;
  }

  public Instant getFirstSeen() {
    return firstSeen;
  }
}
