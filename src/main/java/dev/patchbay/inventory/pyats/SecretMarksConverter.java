package dev.patchbay.inventory.pyats;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Stores {@link TestbedFileLayout#getSecretMarks()} as JSON text (values stay sealed). */
@Converter
class SecretMarksConverter implements AttributeConverter<List<SecretMark>, String> {

  private static final TypeReference<ArrayList<SecretMark>> TYPE = new TypeReference<>() {};
  private final JsonMapper mapper = JsonMapper.builder().build();

  @Override
  public String convertToDatabaseColumn(List<SecretMark> attribute) {
    return attribute == null ? null : mapper.writeValueAsString(attribute);
  }

  @Override
  public List<SecretMark> convertToEntityAttribute(String column) {
    return column == null || column.isBlank() ? new ArrayList<>() : mapper.readValue(column, TYPE);
  }
}
