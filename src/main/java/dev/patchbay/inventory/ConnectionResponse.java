package dev.patchbay.inventory;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** A stored connection definition, with whether Patchbay can open it itself. */
@Schema(description = "A stored connection definition")
public record ConnectionResponse(
    @Schema(example = "cli") String name,
    @Schema(example = "ssh", description = "As stored; imports may hold other values")
        String protocol,
    @Schema(description = "Whether Patchbay has a driver for this definition") boolean supported,
    @Schema(description = "Why it is not supported; null when supported") String unsupportedReason,
    @Schema(example = "127.0.0.1") String host,
    @Schema(example = "22") Integer port,
    SerialSettings serial,
    Map<String, CredentialResponse> credentials,
    Object proxy,
    Map<String, Object> prompts,
    List<String> initExecCommands,
    List<String> initConfigCommands,
    Timeouts timeouts,
    @Schema(description = "ssh_options as stored (OpenSSH syntax)") String sshOptions,
    @Schema(description = "The ssh options Patchbay applies, typed; null when none")
        SshSettings ssh,
    Integer poolSize,
    Map<String, Object> settings,
    @Schema(description = "pyATS 'command' of an imported definition (read-only)") String command) {

  static ConnectionResponse of(ConnectionDefinition c) {
    String reason = unsupportedReason(c);
    return new ConnectionResponse(
        c.getName(),
        c.getProtocol(),
        reason == null,
        reason,
        c.getHost(),
        c.getPort(),
        SerialSettings.of(c.getSerial()),
        CredentialResponse.byName(c.getCredentials()),
        c.getProxy(),
        c.getPrompts(),
        c.getInitExecCommands(),
        c.getInitConfigCommands(),
        Timeouts.of(c),
        c.getSshOptions(),
        SshSettings.of(c.getSshOptions()),
        c.getPoolSize(),
        c.getSettings(),
        c.getCommand());
  }

  private static String unsupportedReason(ConnectionDefinition c) {
    if (c.supportedProtocol().isPresent()) {
      return null;
    }
    if (c.getCommand() != null) {
      return "the definition runs a local command, which Patchbay runs only when"
          + " patchbay.command-connections enables it";
    }
    if (c.getProtocol() == null) {
      return "the definition has no protocol";
    }
    return "protocol '" + c.getProtocol() + "' has no driver (supported: ssh, telnet, serial)";
  }
}
