package dev.patchbay.inventory;

import dev.patchbay.common.JsonMapConverter;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A named credential ({@code default}, {@code enable}, {@code ssh}, …) of a testbed, device or
 * connection definition. Resolution order is connection → device → testbed. Secrets are sealed.
 */
@Entity
@Table(name = "credential")
public class Credential {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 100)
  private String name;

  @Column(length = 200)
  private String username;

  @Embedded
  @AttributeOverrides({
    @AttributeOverride(name = "state", column = @Column(name = "password_state")),
    @AttributeOverride(name = "sealed", column = @Column(name = "password_sealed")),
    @AttributeOverride(name = "prompt", column = @Column(name = "password_prompt"))
  })
  private StoredSecret password;

  @Embedded
  @AttributeOverrides({
    @AttributeOverride(name = "state", column = @Column(name = "private_key_state")),
    @AttributeOverride(name = "sealed", column = @Column(name = "private_key_sealed")),
    @AttributeOverride(name = "prompt", column = @Column(name = "private_key_prompt"))
  })
  private StoredSecret privateKey;

  /** Other keys of the pyATS credential block, kept for round-trips (never secrets). */
  @Convert(converter = JsonMapConverter.class)
  @Column(name = "extra")
  private Map<String, Object> extra = new LinkedHashMap<>();

  protected Credential() {}

  public Credential(String name) {
    this.name = name;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public StoredSecret getPassword() {
    return password;
  }

  public void setPassword(StoredSecret password) {
    this.password = password;
  }

  public StoredSecret getPrivateKey() {
    return privateKey;
  }

  public void setPrivateKey(StoredSecret privateKey) {
    this.privateKey = privateKey;
  }

  public Map<String, Object> getExtra() {
    return extra;
  }

  public void setExtra(Map<String, Object> extra) {
    this.extra = extra == null ? new LinkedHashMap<>() : extra;
  }
}
