package dev.patchbay.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Checks Helm values against the chart's values.schema.json without the helm binary: the subset of
 * JSON Schema draft-07 the schema uses ({@code $ref} to definitions, {@code type}, {@code enum},
 * {@code properties}, {@code additionalProperties}, {@code required}, {@code items}, {@code anyOf},
 * {@code pattern}, lengths and bounds). A keyword outside that subset fails the check, so the
 * schema cannot grow rules this checker silently ignores.
 */
final class ValuesSchema {

  private static final List<String> KNOWN =
      List.of(
          "$schema",
          "title",
          "description",
          "definitions",
          "$ref",
          "type",
          "enum",
          "properties",
          "additionalProperties",
          "required",
          "items",
          "anyOf",
          "pattern",
          "minLength",
          "maxLength",
          "minimum",
          "maximum",
          "minItems");

  private final JsonNode root;
  private final List<String> violations = new ArrayList<>();

  private ValuesSchema(JsonNode root) {
    this.root = root;
  }

  /** Each violation as {@code dotted.path: reason}; empty when {@code values} conform. */
  static List<String> violations(JsonNode schema, Object values) {
    ValuesSchema checker = new ValuesSchema(schema);
    checker.check(schema, values, "");
    return checker.violations;
  }

  private void check(JsonNode node, Object value, String path) {
    for (String keyword : node.propertyNames()) {
      if (!KNOWN.contains(keyword)) {
        throw new IllegalArgumentException("unsupported keyword " + keyword + " at " + path);
      }
    }
    if (node.has("$ref")) {
      String ref = node.get("$ref").asString();
      check(root.at(ref.substring(1)), value, path);
    }
    if (node.has("type") && !hasType(node.get("type"), value)) {
      fail(path, "is not of type " + node.get("type"));
      return;
    }
    if (node.has("enum") && node.get("enum").valueStream().noneMatch(e -> same(e, value))) {
      fail(path, "is not one of " + node.get("enum"));
    }
    if (node.has("anyOf")
        && node.get("anyOf").valueStream().noneMatch(option -> conforms(option, value, path))) {
      fail(path, "matches none of " + node.get("anyOf"));
    }
    if (value instanceof String text) {
      checkString(node, text, path);
    } else if (value instanceof Number number) {
      if (node.has("minimum") && number.doubleValue() < node.get("minimum").asDouble()) {
        fail(path, "is below " + node.get("minimum"));
      }
      if (node.has("maximum") && number.doubleValue() > node.get("maximum").asDouble()) {
        fail(path, "is above " + node.get("maximum"));
      }
    } else if (value instanceof Map<?, ?> object) {
      checkObject(node, object, path);
    } else if (value instanceof List<?> array) {
      if (node.has("minItems") && array.size() < node.get("minItems").asInt()) {
        fail(path, "has fewer than " + node.get("minItems") + " items");
      }
      for (int i = 0; i < array.size(); i++) {
        if (node.has("items")) {
          check(node.get("items"), array.get(i), path + "[" + i + "]");
        }
      }
    }
  }

  private boolean conforms(JsonNode option, Object value, String path) {
    ValuesSchema checker = new ValuesSchema(root);
    checker.check(option, value, path);
    return checker.violations.isEmpty();
  }

  private void checkString(JsonNode node, String text, String path) {
    if (node.has("minLength") && text.length() < node.get("minLength").asInt()) {
      fail(path, "is shorter than " + node.get("minLength"));
    }
    if (node.has("maxLength") && text.length() > node.get("maxLength").asInt()) {
      fail(path, "is longer than " + node.get("maxLength"));
    }
    if (node.has("pattern")
        && !Pattern.compile(node.get("pattern").asString()).matcher(text).find()) {
      fail(path, "does not match " + node.get("pattern"));
    }
  }

  private void checkObject(JsonNode node, Map<?, ?> object, String path) {
    JsonNode properties = node.path("properties");
    JsonNode additional = node.path("additionalProperties");
    node.path("required")
        .valueStream()
        .filter(required -> !object.containsKey(required.asString()))
        .forEach(required -> fail(join(path, required.asString()), "is required"));
    object.forEach(
        (key, child) -> {
          String childPath = join(path, String.valueOf(key));
          if (properties.has(String.valueOf(key))) {
            check(properties.get(String.valueOf(key)), child, childPath);
          } else if (additional.isObject()) {
            check(additional, child, childPath);
          } else if (additional.isBoolean() && !additional.asBoolean()) {
            fail(childPath, "is not in the schema");
          }
        });
  }

  private static boolean hasType(JsonNode type, Object value) {
    List<JsonNode> types = type.isArray() ? type.valueStream().toList() : List.of(type);
    return types.stream()
        .map(JsonNode::asString)
        .anyMatch(
            name ->
                switch (name) {
                  case "string" -> value instanceof String;
                  case "integer" -> value instanceof Integer || value instanceof Long;
                  case "number" -> value instanceof Number;
                  case "boolean" -> value instanceof Boolean;
                  case "object" -> value instanceof Map;
                  case "array" -> value instanceof List;
                  case "null" -> value == null;
                  default -> throw new IllegalArgumentException("unknown type " + name);
                });
  }

  private static boolean same(JsonNode expected, Object value) {
    return expected.isString()
        ? expected.asString().equals(value)
        : expected.toString().equals(String.valueOf(value));
  }

  private void fail(String path, String reason) {
    violations.add(path + ": " + reason);
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
