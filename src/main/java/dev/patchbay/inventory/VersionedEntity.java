package dev.patchbay.inventory;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * The bookkeeping columns of an inventory row that clients edit: the optimistic-lock {@code
 * version} that ETags and If-Match carry, and when the row was created and last changed. Shared so
 * that every such entity locks and stamps itself the same way.
 */
@MappedSuperclass
public abstract class VersionedEntity {

  @Version private long version;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt = Instant.now();

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt = Instant.now();

  /** Marks the entity as modified now. */
  public void touch() {
    updatedAt = Instant.now();
  }

  public long getVersion() {
    return version;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }
}
