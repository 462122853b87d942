package dev.patchbay.inventory.pyats;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Stores {@link TestbedFileLayout#getKeyOrder()} as JSON text. */
@Converter
class KeyOrderConverter implements AttributeConverter<Map<String, List<String>>, String> {

  private static final TypeReference<LinkedHashMap<String, List<String>>> TYPE =
      new TypeReference<>() {};
  private final JsonMapper mapper = JsonMapper.builder().build();

  @Override
  public String convertToDatabaseColumn(Map<String, List<String>> attribute) {
    return attribute == null ? null : mapper.writeValueAsString(attribute);
  }

  @Override
  public Map<String, List<String>> convertToEntityAttribute(String column) {
    return column == null || column.isBlank()
        ? new LinkedHashMap<>()
        : mapper.readValue(column, TYPE);
  }
}
