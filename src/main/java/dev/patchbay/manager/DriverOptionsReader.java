package dev.patchbay.manager;

import dev.patchbay.api.FieldProblem;
import dev.patchbay.api.PatchbayException;
import dev.patchbay.connection.DriverOptions;
import dev.patchbay.connection.HostKeyPolicy;
import dev.patchbay.inventory.ConnectionDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Types a definition's driver settings (pyATS {@code settings}: {@code host_key_policy}, {@code
 * keepalive_seconds}, {@code exclusive}, {@code reconnect}, {@code enable_on_connect}: {@code
 * false} keeps a device with an enable credential in user EXEC) once, so that drivers and the
 * manager read no string map. {@code ssh_options} {@code -o StrictHostKeyChecking=no} means {@code
 * host_key_policy: insecure} unless the settings name a policy; other ssh options are not
 * interpreted. A bad value is a {@code validation} problem naming the setting.
 */
final class DriverOptionsReader {

  private DriverOptionsReader() {}

  static DriverOptions read(ConnectionDefinition definition) {
    Map<String, Object> settings = definition.getSettings();
    return new DriverOptions(
        hostKeyPolicy(definition, settings),
        keepalive(definition, settings.get("keepalive_seconds")),
        flag(settings.get("exclusive")),
        flag(settings.get("reconnect")),
        enableOnConnect(definition, settings.get("enable_on_connect")));
  }

  private static HostKeyPolicy hostKeyPolicy(
      ConnectionDefinition definition, Map<String, Object> settings) {
    if (!settings.containsKey("host_key_policy")) {
      String sshOptions = definition.getSshOptions();
      return sshOptions != null && sshOptions.replace(" ", "").contains("StrictHostKeyChecking=no")
          ? HostKeyPolicy.INSECURE
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
