package dev.patchbay.recording;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Metadata of one session recording; the asciicast file lives in the recordings directory. Rows are
 * written by {@link RecordingRows}; this entity reads them and finishes those a lost instance left.
 */
@Entity
@Table(name = "recording")
public class Recording {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 200)
  private String device;

  @Column(nullable = false, length = 64)
  private String alias;

  @Column(name = "opened_by", nullable = false, length = 200)
  private String openedBy;

  @Column(name = "started_at", nullable = false)
  private Instant startedAt;

  @Column(name = "ended_at")
  private Instant endedAt;

  @Column(nullable = false)
  private long bytes;

  @Column(name = "file_name", nullable = false, length = 300)
  private String fileName;

  /** The instance that holds the file (null: recorded before instances were stamped). */
  @Column(name = "instance_id", length = 36)
  private String instanceId;

  protected Recording() {}

  void finish(Instant endedAt, long bytes) {
    this.endedAt = endedAt;
    this.bytes = bytes;
  }

  public Long getId() {
    return id;
  }

  public String getDevice() {
    return device;
  }

  public String getAlias() {
    return alias;
  }

  public String getOpenedBy() {
    return openedBy;
  }

  public Instant getStartedAt() {
    return startedAt;
  }

  public Instant getEndedAt() {
    return endedAt;
  }

  public long getBytes() {
    return bytes;
  }

  public String getFileName() {
    return fileName;
  }

  public String getInstanceId() {
    return instanceId;
  }
}
