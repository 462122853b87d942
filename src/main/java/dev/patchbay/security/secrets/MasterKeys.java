package dev.patchbay.security.secrets;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/** Decodes configured base64 AES keys, with errors that name the source but never the value. */
final class MasterKeys {

  private MasterKeys() {}

  static MasterKey decode(String base64, String source) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(source + " is not valid base64");
    }
    if (!Set.of(16, 24, 32).contains(key.length)) {
      throw new IllegalStateException(
          source
              + " must decode to a 128, 192 or 256-bit AES key, not "
              + key.length * 8
              + " bits");
    }
    return MasterKey.of(key);
  }

  /** Keys separated by commas, whitespace or line breaks; blank entries are ignored. */
  static List<MasterKey> decodeAll(String list, String source) {
    return Arrays.stream(list.split("[,\\s]+"))
        .filter(entry -> !entry.isBlank())
        .map(entry -> decode(entry, source))
        .toList();
  }
}
