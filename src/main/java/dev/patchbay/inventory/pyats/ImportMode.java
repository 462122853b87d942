package dev.patchbay.inventory.pyats;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How an import treats the devices of the stored testbed that the file does not mention. */
public enum ImportMode {
  /** Keep them. */
  MERGE,
  /** Delete them. */
  REPLACE,
  /** Validate and report what {@code merge} would change, writing nothing. */
  DRY_RUN;

  /** The query-parameter spelling: {@code merge}, {@code replace}, {@code dry-run}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<ImportMode> parse(String value) {
    return Arrays.stream(values()).filter(m -> m.id().equalsIgnoreCase(value)).findFirst();
  }
}
