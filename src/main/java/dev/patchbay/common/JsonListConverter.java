package dev.patchbay.common;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Stores an ordered list of strings (commands, aliases, patterns) as a JSON text column. */
@Converter
public class JsonListConverter implements AttributeConverter<List<String>, String> {

  private static final TypeReference<ArrayList<String>> TYPE = new TypeReference<>() {};
  private final JsonMapper mapper = JsonMapper.builder().build();

  @Override
  public String convertToDatabaseColumn(List<String> attribute) {
    return attribute == null ? null : mapper.writeValueAsString(attribute);
  }

  @Override
  public List<String> convertToEntityAttribute(String column) {
    return column == null || column.isBlank() ? null : mapper.readValue(column, TYPE);
  }
}
