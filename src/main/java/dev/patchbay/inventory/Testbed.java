package dev.patchbay.inventory;

import dev.patchbay.common.JsonMapConverter;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A lab: a named group of devices with shared default credentials (pyATS {@code testbed:}). */
@Entity
@Table(name = "testbed")
public class Testbed extends VersionedEntity {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, unique = true, length = 200)
  private String name;

  @Column(length = 2000)
  private String description;

  @Column(length = 200)
  private String alias;

  @OneToMany(cascade = CascadeType.ALL, orphanRemoval = true)
  @JoinColumn(name = "testbed_id")
  @OrderColumn(name = "position")
  private List<Credential> credentials = new ArrayList<>();

  /** pyATS {@code testbed.servers}, kept as data. */
  @Convert(converter = JsonMapConverter.class)
  private Map<String, Object> servers = new LinkedHashMap<>();

  /** pyATS {@code testbed.custom}: free-form attributes. */
  @Convert(converter = JsonMapConverter.class)
  private Map<String, Object> custom = new LinkedHashMap<>();

  /** pyATS top-level {@code topology:}, kept as data. */
  @Convert(converter = JsonMapConverter.class)
  private Map<String, Object> topology = new LinkedHashMap<>();

  /** Keys of {@code testbed:} and of the file's top level that Patchbay does not model. */
  @Convert(converter = JsonMapConverter.class)
  private Map<String, Object> extra = new LinkedHashMap<>();

  protected Testbed() {}

  public Testbed(String name) {
    this.name = name;
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

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public String getAlias() {
    return alias;
  }

  public void setAlias(String alias) {
    this.alias = alias;
  }

  public List<Credential> getCredentials() {
    return credentials;
  }

  public Map<String, Object> getServers() {
    return servers;
  }

  public void setServers(Map<String, Object> servers) {
    this.servers = orEmpty(servers);
  }

  public Map<String, Object> getCustom() {
    return custom;
  }

  public void setCustom(Map<String, Object> custom) {
    this.custom = orEmpty(custom);
  }

  public Map<String, Object> getTopology() {
    return topology;
  }

  public void setTopology(Map<String, Object> topology) {
    this.topology = orEmpty(topology);
  }

  public Map<String, Object> getExtra() {
    return extra;
  }

  public void setExtra(Map<String, Object> extra) {
    this.extra = orEmpty(extra);
  }

  static Map<String, Object> orEmpty(Map<String, Object> map) {
    return map == null ? new LinkedHashMap<>() : new LinkedHashMap<>(map);
  }
}
