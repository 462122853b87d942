package dev.patchbay.audit;

import dev.patchbay.security.masking.SecretMasker;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Who did what to which devices, when, with what result. Never holds a secret or token: the detail
 * passes through {@link SecretMasker} (commands and configuration lines keep their shape, their
 * secrets become {@code *****}). Internal actions (and rows written before actors were recorded,
 * with no actor) are by {@value Actors#SYSTEM}.
 */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "occurred_at", nullable = false)
  private Instant occurredAt;

  @Column(length = 200)
  private String actor;

  @Column(nullable = false, length = 100)
  private String action;

  @ElementCollection
  @CollectionTable(name = "audit_event_device", joinColumns = @JoinColumn(name = "event_id"))
  @OrderColumn(name = "position")
  @Column(name = "device_name", nullable = false)
  private List<String> devices = new ArrayList<>();

  @Column(nullable = false, length = 32)
  private String outcome;

  @Column(length = 2000)
  private String detail;

  protected AuditEvent() {}

  AuditEvent(String actor, String action, List<String> devices, String outcome, String detail) {
    this.occurredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    this.actor = actor == null ? Actors.SYSTEM : actor;
    this.action = action;
    this.devices = new ArrayList<>(devices);
    this.outcome = outcome;
    String masked = SecretMasker.mask(detail);
    this.detail = masked == null || masked.length() <= 2000 ? masked : masked.substring(0, 2000);
  }

  public Long getId() {
    return id;
  }

  public Instant getOccurredAt() {
    return occurredAt;
  }

  public String getActor() {
    return actor == null ? Actors.SYSTEM : actor;
  }

  public String getAction() {
    return action;
  }

  public List<String> getDevices() {
    return devices;
  }

  public String getOutcome() {
    return outcome;
  }

  public String getDetail() {
    return detail;
  }
}
