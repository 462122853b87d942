package dev.patchbay.inventory;

import static dev.patchbay.inventory.Testbed.orEmpty;

import dev.patchbay.common.JsonListConverter;
import dev.patchbay.common.JsonMapConverter;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A device of the lab (router, switch, server, board) and how to reach it. */
@Entity
@Table(name = "device")
public class Device extends VersionedEntity {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, unique = true, length = 200)
  private String name;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "testbed_id")
  private Testbed testbed;

  @Convert(converter = JsonListConverter.class)
  private List<String> aliases = new ArrayList<>();

  @Column(length = 100)
  private String os;

  @Column(length = 100)
  private String platform;

  @Column(length = 100)
  private String type;

  @Column(length = 100)
  private String role;

  /** Free-form attributes (pyATS {@code custom}). */
  @Convert(converter = JsonMapConverter.class)
  private Map<String, Object> custom = new LinkedHashMap<>();

  /** pyATS {@code connections.defaults}: {@code via}, {@code alias}, {@code class}. */
  @Convert(converter = JsonMapConverter.class)
  @Column(name = "connection_defaults")
  private Map<String, Object> connectionDefaults = new LinkedHashMap<>();

  @OneToMany(cascade = CascadeType.ALL, orphanRemoval = true)
  @JoinColumn(name = "device_id")
  @OrderColumn(name = "position")
  private List<Credential> credentials = new ArrayList<>();

  @OneToMany(cascade = CascadeType.ALL, orphanRemoval = true)
  @JoinColumn(name = "device_id", nullable = false)
  @OrderColumn(name = "position")
  private List<ConnectionDefinition> connections = new ArrayList<>();

  /** Keys of the pyATS device block that Patchbay does not model. */
  @Convert(converter = JsonMapConverter.class)
  private Map<String, Object> extra = new LinkedHashMap<>();

  protected Device() {}

  public Device(String name) {
    this.name = name;
  }

  /** Adds a connection definition and links it to this device. */
  public void addConnection(ConnectionDefinition connection) {
    connection.setDevice(this);
    connections.add(connection);
  }

  public Optional<ConnectionDefinition> connection(String connectionName) {
    return connections.stream().filter(c -> c.getName().equals(connectionName)).findFirst();
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Testbed getTestbed() {
    return testbed;
  }

  public void setTestbed(Testbed testbed) {
    this.testbed = testbed;
  }

  public List<String> getAliases() {
    return aliases;
  }

  public void setAliases(List<String> aliases) {
    this.aliases = aliases == null ? new ArrayList<>() : new ArrayList<>(aliases);
  }

  public String getOs() {
    return os;
  }

  public void setOs(String os) {
    this.os = os;
  }

  public String getPlatform() {
    return platform;
  }

  public void setPlatform(String platform) {
    this.platform = platform;
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public String getRole() {
    return role;
  }

  public void setRole(String role) {
    this.role = role;
  }

  public Map<String, Object> getCustom() {
    return custom;
  }

  public void setCustom(Map<String, Object> custom) {
    this.custom = orEmpty(custom);
  }

  public Map<String, Object> getConnectionDefaults() {
    return connectionDefaults;
  }

  public void setConnectionDefaults(Map<String, Object> connectionDefaults) {
    this.connectionDefaults = orEmpty(connectionDefaults);
  }

  public List<Credential> getCredentials() {
    return credentials;
  }

  public List<ConnectionDefinition> getConnections() {
    return connections;
  }

  public Map<String, Object> getExtra() {
    return extra;
  }

  public void setExtra(Map<String, Object> extra) {
    this.extra = orEmpty(extra);
  }
}
