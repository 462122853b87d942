package dev.patchbay.parse;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code patchbay.parse.*}.
 *
 * @param templatesDir a directory with an ntc-templates {@code index} and its templates (a checkout
 *     of ntc-templates' {@code ntc_templates/templates}, or one's own), searched before the
 *     built-in templates; null: built-in templates only
 * @param platforms device {@code os} (or {@code os/platform}) → index platforms tried in order;
 *     entries here replace the built-in ones of the same key
 */
@ConfigurationProperties("patchbay.parse")
public record ParseProperties(Path templatesDir, Map<String, List<String>> platforms) {

  /** The built-in mapping from pyATS/Unicon {@code os} names to ntc-templates platforms. */
  static final Map<String, List<String>> DEFAULT_PLATFORMS =
      Map.of(
          "ios", List.of("cisco_ios"),
          "iosxe", List.of("cisco_xe", "cisco_ios"),
          "iosxr", List.of("cisco_xr"),
          "nxos", List.of("cisco_nxos"),
          "asa", List.of("cisco_asa"),
          "junos", List.of("juniper_junos"),
          "eos", List.of("arista_eos"),
          "linux", List.of("linux"));

  public ParseProperties {
    if (templatesDir != null && templatesDir.toString().isEmpty()) {
      templatesDir = null;
    }
    Map<String, List<String>> merged = new HashMap<>(DEFAULT_PLATFORMS);
    if (platforms != null) {
      merged.putAll(platforms);
    }
    platforms = Map.copyOf(merged);
  }

  /**
   * The index platforms for a device: the entry for {@code os/platform}, else for {@code os}, else
   * {@code os} itself (a device whose os is already an index platform name, such as {@code
   * cisco_ios}); none without an os.
   */
  public List<String> indexPlatforms(String os, String platform) {
    if (os == null || os.isBlank()) {
      return List.of();
    }
    if (platform != null && platforms.containsKey(os + "/" + platform)) {
      return platforms.get(os + "/" + platform);
    }
    return platforms.getOrDefault(os, List.of(os));
  }
}
