package dev.patchbay.inventory.pyats;

/** How pyATS names a testbed whose file has no {@code testbed.name}: after the file. */
final class TestbedNames {

  private TestbedNames() {}

  /**
   * The file's base name without its last extension ({@code labs/core.yaml} → {@code core}), or
   * {@code null} without a usable file name.
   */
  static String fromFile(String fileName) {
    if (fileName == null) {
      return null;
    }
    String base =
        fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
    int dot = base.lastIndexOf('.');
    String name = dot > 0 ? base.substring(0, dot) : base;
    return name.isBlank() ? null : name;
  }
}
