package dev.patchbay.web;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** JSON merge patch (RFC 7386) of a resource's request form. */
public final class MergePatch {

  private MergePatch() {}

  /**
   * Applies {@code patch} to the JSON form of {@code current} and reads the result as {@code type}.
   */
  public static <T> T apply(JsonMapper mapper, Object current, JsonNode patch, Class<T> type) {
    if (patch == null || !patch.isObject()) {
      throw new PatchbayException(
          ProblemType.MALFORMED_REQUEST, "a merge patch must be a JSON object");
    }
    JsonNode merged = merge(mapper.valueToTree(current), patch);
    try {
      return mapper.treeToValue(merged, type);
    } catch (JacksonException e) {
      throw new PatchbayException(
          ProblemType.MALFORMED_REQUEST,
          "the patched resource cannot be read: " + e.getOriginalMessage());
    }
  }

  private static JsonNode merge(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch;
    }
    ObjectNode result =
        target != null && target.isObject()
            ? ((ObjectNode) target).deepCopy()
            : ((ObjectNode) patch).objectNode();
    for (Map.Entry<String, JsonNode> entry : patch.properties()) {
      if (entry.getValue().isNull()) {
        result.remove(entry.getKey());
      } else {
        result.set(entry.getKey(), merge(result.get(entry.getKey()), entry.getValue()));
      }
    }
    return result;
  }
}
