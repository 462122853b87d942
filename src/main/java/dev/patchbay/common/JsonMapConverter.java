package dev.patchbay.common;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Stores an ordered, free-form map (YAML/JSON attributes) as a JSON text column. */
@Converter
public class JsonMapConverter implements AttributeConverter<Map<String, Object>, String> {

  private static final TypeReference<LinkedHashMap<String, Object>> TYPE = new TypeReference<>() {};
  private final JsonMapper mapper = JsonMapper.builder().build();

  @Override
  public String convertToDatabaseColumn(Map<String, Object> attribute) {
    return attribute == null || attribute.isEmpty() ? null : mapper.writeValueAsString(attribute);
  }

  @Override
  public Map<String, Object> convertToEntityAttribute(String column) {
    return column == null || column.isBlank()
        ? new LinkedHashMap<>()
        : mapper.readValue(column, TYPE);
  }
}
