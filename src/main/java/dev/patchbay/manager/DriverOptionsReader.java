package dev.patchbay.manager;

import dev.patchbay.api.FieldProblem;
import dev.patchbay.api.PatchbayException;
import dev.patchbay.connection.DriverOptions;
import dev.patchbay.connection.HostKeyPolicy;
import dev.patchbay.connection.SshOptions;
import dev.patchbay.inventory.ConnectionDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Types a definition's driver settings (pyATS {@code settings}: {@code host_key_policy}, {@code
 * keepalive_seconds}, {@code exclusive}, {@code reconnect}, {@code enable_on_connect}: {@code
 * false} keeps a device with an enable credential in user EXEC) and its {@code ssh_options} once,
 * so that drivers and the manager read no string map. A setting wins over the ssh option that means
 * the same: {@code -o StrictHostKeyChecking} (yes: strict, accept-new/ask: tofu, no: insecure)
 * applies unless the settings name a {@code host_key_policy}, {@code -o ServerAliveInterval} unless
 * they name {@code keepalive_seconds}. A bad setting or a bad value of an ssh option Patchbay
 * applies is a {@code validation} problem naming it; an ssh option Patchbay does not apply was
 * refused when written over REST or reported when imported, and is ignored here.
 */
final class DriverOptionsReader {

  private DriverOptionsReader() {}

  static DriverOptions read(ConnectionDefinition definition) {
    Map<String, Object> settings = definition.getSettings();
    SshOptions ssh = sshOptions(definition);
    return new DriverOptions(
        hostKeyPolicy(definition, settings, ssh),
        settings.containsKey("keepalive_seconds") || ssh.serverAliveInterval() == null
            ? keepalive(definition, settings.get("keepalive_seconds"))
            : ssh.serverAliveInterval(),
        flag(settings.get("exclusive")),
        flag(settings.get("reconnect")),
        enableOnConnect(definition, settings.get("enable_on_connect")),
        ssh);
  }

  /** The definition's ssh options; a bad value of one that Patchbay applies is refused. */
  static SshOptions sshOptions(ConnectionDefinition definition) {
    SshOptions.Parsed parsed = SshOptions.parse(definition.getSshOptions());
    parsed.problems().stream()
        .filter(p -> !p.unsupported())
        .findFirst()
        .ifPresent(
            p -> {
              String device = definition.getDevice().getName();
              throw PatchbayException.invalid(
                  "connection '" + device + "/" + definition.getName() + "': " + p.message(),
                  List.of(
                      new FieldProblem(
                          "devices."
                              + device
                              + ".connections."
                              + definition.getName()
                              + ".ssh_options",
                          p.message())));
            });
    return parsed.options();
  }

  private static HostKeyPolicy hostKeyPolicy(
      ConnectionDefinition definition, Map<String, Object> settings, SshOptions ssh) {
    if (!settings.containsKey("host_key_policy")) {
      return ssh.strictHostKeyChecking() != null
          ? ssh.strictHostKeyChecking()
          : DriverOptions.DEFAULT.hostKeyPolicy();
    }
    Object value = settings.get("host_key_policy");
    if (value == null) {
      return DriverOptions.DEFAULT.hostKeyPolicy();
    }
    try {
      return HostKeyPolicy.valueOf(value.toString().trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid(
          definition, "host_key_policy", "must be tofu, strict or insecure, not '" + value + "'");
    }
  }

  private static Duration keepalive(ConnectionDefinition definition, Object value) {
    if (value == null) {
      return DriverOptions.DEFAULT.keepalive();
    }
    try {
      return Duration.ofSeconds(Long.parseLong(value.toString()));
    } catch (NumberFormatException e) {
      throw invalid(
          definition,
          "keepalive_seconds",
          "must be a whole number of seconds, not '" + value + "'");
    }
  }

  /** True unless {@code false}; a value that is neither is a validation problem. */
  private static boolean enableOnConnect(ConnectionDefinition definition, Object value) {
    if (value == null) {
      return DriverOptions.DEFAULT.enableOnConnect();
    }
    return switch (value.toString().trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw invalid(
              definition, "enable_on_connect", "must be true or false, not '" + value + "'");
    };
  }

  /** Only {@code true}, in any case, is true. */
  private static boolean flag(Object value) {
    return Boolean.parseBoolean(String.valueOf(value));
  }

  private static PatchbayException invalid(
      ConnectionDefinition definition, String key, String problem) {
    String device = definition.getDevice().getName();
    return PatchbayException.invalid(
        "connection '" + device + "/" + definition.getName() + "' setting " + key + " " + problem,
        List.of(
            new FieldProblem(
                "devices." + device + ".connections." + definition.getName() + ".settings." + key,
                problem)));
  }
}
