package dev.patchbay.inventory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.Map;

/** pyATS {@code connections.defaults} of a device: the default definition and connection class. */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(description = "Which connection definition to use by default")
public record ConnectionDefaults(
    @Schema(example = "cli", description = "Name of one of the device's connections") String via,
    @Schema(example = "cli") String alias,
    @JsonProperty("class") @Schema(example = "unicon.Unicon") String connectionClass) {

  static ConnectionDefaults of(Map<String, Object> stored) {
    if (stored == null || stored.isEmpty()) {
      return null;
    }
    return new ConnectionDefaults(
        text(stored.get("via")), text(stored.get("alias")), text(stored.get("class")));
  }

  Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    putIfPresent(map, "via", via);
    putIfPresent(map, "alias", alias);
    putIfPresent(map, "class", connectionClass);
    return map;
  }

  private static void putIfPresent(Map<String, Object> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
