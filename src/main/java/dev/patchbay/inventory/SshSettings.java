package dev.patchbay.inventory;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.patchbay.connection.SshOptions;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A connection's {@code ssh_options} as typed fields, for clients that would rather not write
 * OpenSSH command lines. It is stored as the equivalent {@code -oKey=Value} text, so that an export
 * to a pyATS testbed file and a later import keep it. Algorithm lists use OpenSSH's syntax: a
 * comma-separated list that replaces the defaults, or one starting with {@code +} (append), {@code
 * -} (remove) or {@code ^} (put first). {@code unknown} collects what a client wrote that is no
 * option Patchbay applies, so that it is refused rather than dropped.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
    description =
        "OpenSSH client options (pyATS ssh_options) as typed fields; stored as -oKey=Value text")
public record SshSettings(
    @Schema(
            example = "+diffie-hellman-group14-sha1",
            description = "KexAlgorithms: a list, or +/-/^ followed by a list")
        String kexAlgorithms,
    @Schema(example = "+ssh-rsa", description = "HostKeyAlgorithms") String hostKeyAlgorithms,
    @Schema(example = "+aes128-cbc", description = "Ciphers") String ciphers,
    @Schema(example = "+hmac-sha1", description = "MACs") String macs,
    @Schema(
            example = "+ssh-rsa",
            description = "PubkeyAcceptedAlgorithms (formerly PubkeyAcceptedKeyTypes)")
        String pubkeyAcceptedAlgorithms,
    @Schema(
            example = "2222",
            minimum = "1",
            maximum = "65535",
            description = "Port, used when the connection has no port")
        Integer port,
    @Schema(example = "admin", description = "User, used when the credentials name no user")
        String user,
    @Schema(
            example = "10",
            minimum = "1",
            maximum = "86400",
            description = "ConnectTimeout in seconds, used when timeouts.connectSeconds is not set")
        Integer connectTimeout,
    @Schema(
            example = "15",
            minimum = "0",
            maximum = "86400",
            description = "ServerAliveInterval in seconds (keepalive; 0: none)")
        Integer serverAliveInterval,
    @Schema(example = "3", minimum = "0", maximum = "1000", description = "ServerAliveCountMax")
        Integer serverAliveCountMax,
    @Schema(
            example = "accept-new",
            allowableValues = {"yes", "accept-new", "ask", "no", "off"},
            description = "StrictHostKeyChecking: yes = strict, accept-new/ask = pin on first use")
        String strictHostKeyChecking,
    @Schema(
            example = "jump1,admin@jump2:2222",
            description =
                "ProxyJump: [user@]host[:port], comma-separated, first hop first; each host is a"
                    + " device name or the host of one device's ssh connection; none: no hop")
        String proxyJump,
    @Schema(hidden = true) @JsonAnySetter @JsonAnyGetter Map<String, Object> unknown) {

  /** JSON field of each option, by its OpenSSH spelling ({@link SshOptions#APPLIED}). */
  static final Map<String, String> FIELDS;

  private static final Map<String, Function<SshSettings, Object>> VALUES;

  static {
    Map<String, Function<SshSettings, Object>> values = new LinkedHashMap<>();
    values.put("KexAlgorithms", SshSettings::kexAlgorithms);
    values.put("HostKeyAlgorithms", SshSettings::hostKeyAlgorithms);
    values.put("Ciphers", SshSettings::ciphers);
    values.put("MACs", SshSettings::macs);
    values.put("PubkeyAcceptedAlgorithms", SshSettings::pubkeyAcceptedAlgorithms);
    values.put("Port", SshSettings::port);
    values.put("User", SshSettings::user);
    values.put("ConnectTimeout", SshSettings::connectTimeout);
    values.put("ServerAliveInterval", SshSettings::serverAliveInterval);
    values.put("ServerAliveCountMax", SshSettings::serverAliveCountMax);
    values.put("StrictHostKeyChecking", SshSettings::strictHostKeyChecking);
    values.put("ProxyJump", SshSettings::proxyJump);
    VALUES = values;
    Map<String, String> fields = new LinkedHashMap<>();
    values
        .keySet()
        .forEach(
            key ->
                fields.put(
                    key,
                    key.equals("MACs")
                        ? "macs"
                        : Character.toLowerCase(key.charAt(0)) + key.substring(1)));
    FIELDS = fields;
  }

  public SshSettings {
    unknown = unknown == null ? new LinkedHashMap<>() : unknown;
  }

  /** The typed view of stored {@code ssh_options} text: what Patchbay applies; null if none. */
  static SshSettings of(String sshOptions) {
    Map<String, String> written = SshOptions.parse(sshOptions).written();
    if (written.isEmpty()) {
      return null;
    }
    return new SshSettings(
        written.get("KexAlgorithms"),
        written.get("HostKeyAlgorithms"),
        written.get("Ciphers"),
        written.get("MACs"),
        written.get("PubkeyAcceptedAlgorithms"),
        number(written.get("Port")),
        written.get("User"),
        number(written.get("ConnectTimeout")),
        number(written.get("ServerAliveInterval")),
        number(written.get("ServerAliveCountMax")),
        written.get("StrictHostKeyChecking"),
        written.get("ProxyJump"),
        null);
  }

  /** The options given, by OpenSSH spelling, values as text. */
  Map<String, String> options() {
    Map<String, String> options = new LinkedHashMap<>();
    VALUES.forEach(
        (key, value) -> {
          Object v = value.apply(this);
          if (v != null) {
            options.put(key, v.toString().trim());
          }
        });
    return options;
  }

  /** The {@code -oKey=Value} text this stands for; null when no option is given. */
  String toOptionsText() {
    return SshOptions.render(options());
  }

  /** Whether {@code text} means the same options as this. */
  boolean sameAs(String text) {
    SshSettings other = of(text);
    return other == null ? options().isEmpty() : Objects.equals(other.options(), options());
  }

  private static Integer number(String value) {
    return value == null ? null : Integer.valueOf(value.trim());
  }
}
