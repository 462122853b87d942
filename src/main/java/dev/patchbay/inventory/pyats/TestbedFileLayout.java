package dev.patchbay.inventory.pyats;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the export of an imported testbed needs besides the inventory model: the file's key order by
 * block path (so typed fields go back where they were written) and the {@link SecretMark}s of
 * secrets that have no secret column. One row per testbed, removed with it.
 */
@Entity
@Table(name = "testbed_file_layout")
public class TestbedFileLayout {

  @Id
  @Column(name = "testbed_id")
  private Long testbedId;

  @Convert(converter = KeyOrderConverter.class)
  @Column(name = "key_order")
  private Map<String, List<String>> keyOrder = new LinkedHashMap<>();

  @Convert(converter = SecretMarksConverter.class)
  @Column(name = "secret_marks")
  private List<SecretMark> secretMarks = new ArrayList<>();

  protected TestbedFileLayout() {}

  public TestbedFileLayout(Long testbedId) {
    this.testbedId = testbedId;
  }

  public Long getTestbedId() {
    return testbedId;
  }

  public Map<String, List<String>> getKeyOrder() {
    return keyOrder;
  }

  public void setKeyOrder(Map<String, List<String>> keyOrder) {
    this.keyOrder = new LinkedHashMap<>(keyOrder);
  }

  public List<SecretMark> getSecretMarks() {
    return secretMarks;
  }

  public void setSecretMarks(List<SecretMark> secretMarks) {
    this.secretMarks = new ArrayList<>(secretMarks);
  }
}
