package dev.patchbay.common;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import tools.jackson.databind.json.JsonMapper;

/** Stores any JSON-shaped value (string, number, list or map) as a JSON text column. */
@Converter
public class JsonValueConverter implements AttributeConverter<Object, String> {

  private final JsonMapper mapper = JsonMapper.builder().build();

  @Override
  public String convertToDatabaseColumn(Object attribute) {
    return attribute == null ? null : mapper.writeValueAsString(attribute);
  }

  @Override
  public Object convertToEntityAttribute(String column) {
    return column == null || column.isBlank() ? null : mapper.readValue(column, Object.class);
  }
}
