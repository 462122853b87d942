package dev.patchbay.inventory;

import static dev.patchbay.inventory.Testbed.orEmpty;

import dev.patchbay.common.JsonListConverter;
import dev.patchbay.common.JsonMapConverter;
import dev.patchbay.common.JsonValueConverter;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
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
import jakarta.persistence.UniqueConstraint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One way to reach a device ({@code cli}, {@code vty}, {@code console}, {@code a}, {@code b}, …).
 * {@code protocol} keeps the value as written; only {@link Protocol} values have a driver, others
 * (pyATS {@code unknown} with a {@code command}, {@code https}, …) are stored and reported as
 * unsupported.
 */
@Entity
@Table(
    name = "connection_definition",
    uniqueConstraints = @UniqueConstraint(columnNames = {"device_id", "name"}))
public class ConnectionDefinition {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "device_id", insertable = false, updatable = false)
  private Device device;

  @Column(nullable = false, length = 100)
  private String name;

  @Column(length = 100)
  private String protocol;

  @Column(length = 500)
  private String host;

  private Integer port;

  @Embedded private SerialLine serial = new SerialLine();

  @OneToMany(cascade = CascadeType.ALL, orphanRemoval = true)
  @JoinColumn(name = "connection_id")
  @OrderColumn(name = "position")
  private List<Credential> credentials = new ArrayList<>();

  /** Jump host: a device name, or a list of {@code {device, command}} hops (pyATS form). */
  @Convert(converter = JsonValueConverter.class)
  private Object proxy;

  /** Prompt patterns by state ({@code exec}, {@code enable}, {@code config}, {@code login}, …). */
  @Convert(converter = JsonMapConverter.class)
  private Map<String, Object> prompts = new LinkedHashMap<>();

  /** Commands run after login; {@code null} means the OS profile's defaults. */
  @Convert(converter = JsonListConverter.class)
  @Column(name = "init_exec_commands")
  private List<String> initExecCommands;

  /** Configuration applied after login; {@code null} means the OS profile's defaults. */
  @Convert(converter = JsonListConverter.class)
  @Column(name = "init_config_commands")
  private List<String> initConfigCommands;

  @Column(name = "connect_timeout_seconds")
  private Integer connectTimeoutSeconds;

  @Column(name = "login_timeout_seconds")
  private Integer loginTimeoutSeconds;

  @Column(name = "execute_timeout_seconds")
  private Integer executeTimeoutSeconds;

  @Column(name = "ssh_options", length = 2000)
  private String sshOptions;

  @Column(name = "pool_size")
  private Integer poolSize;

  /** pyATS {@code command}: a local program to spawn (stored, not supported). */
  @Column(length = 2000)
  private String command;

  /** pyATS {@code class} (e.g. {@code unicon.Unicon}). */
  @Column(name = "connection_class", length = 200)
  private String connectionClass;

  /** pyATS {@code arguments} not modelled above. */
  @Convert(converter = JsonMapConverter.class)
  private Map<String, Object> arguments = new LinkedHashMap<>();

  /** Arbitrary driver settings (pyATS {@code settings}). */
  @Convert(converter = JsonMapConverter.class)
  private Map<String, Object> settings = new LinkedHashMap<>();

  /** Keys of the pyATS connection block that Patchbay does not model. */
  @Convert(converter = JsonMapConverter.class)
  private Map<String, Object> extra = new LinkedHashMap<>();

  protected ConnectionDefinition() {}

  public ConnectionDefinition(String name) {
    this.name = name;
  }

  /** The driver protocol, empty when Patchbay cannot open this definition itself. */
  public Optional<Protocol> supportedProtocol() {
    return command != null ? Optional.empty() : Protocol.parse(protocol);
  }

  public Long getId() {
    return id;
  }

  public Device getDevice() {
    return device;
  }

  void setDevice(Device device) {
    this.device = device;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getProtocol() {
    return protocol;
  }

  public void setProtocol(String protocol) {
    this.protocol = protocol;
  }

  public String getHost() {
    return host;
  }

  public void setHost(String host) {
    this.host = host;
  }

  public Integer getPort() {
    return port;
  }

  public void setPort(Integer port) {
    this.port = port;
  }

  public SerialLine getSerial() {
    if (serial == null) {
      serial = new SerialLine();
    }
    return serial;
  }

  public List<Credential> getCredentials() {
    return credentials;
  }

  public Object getProxy() {
    return proxy;
  }

  public void setProxy(Object proxy) {
    this.proxy = proxy;
  }

  public Map<String, Object> getPrompts() {
    return prompts;
  }

  public void setPrompts(Map<String, Object> prompts) {
    this.prompts = orEmpty(prompts);
  }

  public List<String> getInitExecCommands() {
    return initExecCommands;
  }

  public void setInitExecCommands(List<String> initExecCommands) {
    this.initExecCommands = initExecCommands;
  }

  public List<String> getInitConfigCommands() {
    return initConfigCommands;
  }

  public void setInitConfigCommands(List<String> initConfigCommands) {
    this.initConfigCommands = initConfigCommands;
  }

  public Integer getConnectTimeoutSeconds() {
    return connectTimeoutSeconds;
  }

  public void setConnectTimeoutSeconds(Integer connectTimeoutSeconds) {
    this.connectTimeoutSeconds = connectTimeoutSeconds;
  }

  public Integer getLoginTimeoutSeconds() {
    return loginTimeoutSeconds;
  }

  public void setLoginTimeoutSeconds(Integer loginTimeoutSeconds) {
    this.loginTimeoutSeconds = loginTimeoutSeconds;
  }

  public Integer getExecuteTimeoutSeconds() {
    return executeTimeoutSeconds;
  }

  public void setExecuteTimeoutSeconds(Integer executeTimeoutSeconds) {
    this.executeTimeoutSeconds = executeTimeoutSeconds;
  }

  public String getSshOptions() {
    return sshOptions;
  }

  public void setSshOptions(String sshOptions) {
    this.sshOptions = sshOptions;
  }

  public Integer getPoolSize() {
    return poolSize;
  }

  public void setPoolSize(Integer poolSize) {
    this.poolSize = poolSize;
  }

  public String getCommand() {
    return command;
  }

  public void setCommand(String command) {
    this.command = command;
  }

  public String getConnectionClass() {
    return connectionClass;
  }

  public void setConnectionClass(String connectionClass) {
    this.connectionClass = connectionClass;
  }

  public Map<String, Object> getArguments() {
    return arguments;
  }

  public void setArguments(Map<String, Object> arguments) {
    this.arguments = orEmpty(arguments);
  }

  public Map<String, Object> getSettings() {
    return settings;
  }

  public void setSettings(Map<String, Object> settings) {
    this.settings = orEmpty(settings);
  }

  public Map<String, Object> getExtra() {
    return extra;
  }

  public void setExtra(Map<String, Object> extra) {
    this.extra = orEmpty(extra);
  }
}
