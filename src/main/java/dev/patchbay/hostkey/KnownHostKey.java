package dev.patchbay.hostkey;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The SSH host key pinned for one connection definition (by its id): type, SHA-256 fingerprint and
 * the endpoint ({@code host:port}) where it was first seen. Deleted with its definition.
 */
@Entity
@Table(name = "connection_host_key")
public class KnownHostKey {

  @Id
  @Column(name = "connection_id")
  private Long connectionId;

  @Column(nullable = false, length = 600)
  private String endpoint;

  @Column(name = "key_type", length = 100)
  private String keyType;

  @Column(nullable = false, length = 200)
  private String fingerprint;

  @Column(name = "first_seen", nullable = false)
  private Instant firstSeen;

  protected KnownHostKey() {}

  public KnownHostKey(
      long connectionId, String endpoint, String keyType, String fingerprint, Instant firstSeen) {
    this.connectionId = connectionId;
    this.endpoint = endpoint;
    this.keyType = keyType;
    this.fingerprint = fingerprint;
    this.firstSeen = firstSeen;
  }

  public Long getConnectionId() {
    return connectionId;
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
