package dev.patchbay.inventory.pyats;

import dev.patchbay.inventory.SecretSealer;
import dev.patchbay.inventory.SecretState;
import java.util.List;

/**
 * Remembers a secret found at {@code path} of an imported file where the model has no secret column
 * (an {@code ip}, a server password, a value in {@code custom}), or an {@code %ENV{}} reference
 * anywhere. {@code sealed} holds the AES-GCM sealed plaintext ({@code STORED}) or pyATS token
 * ({@code UNRESOLVED}); {@code reference} the {@code %ASK} prompt or {@code %ENV} name.
 */
public record SecretMark(
    List<Object> path, Source source, SecretState state, String sealed, String reference) {

  /** How the value was written in the file. */
  public enum Source {
    PLAIN,
    ENC,
    ASK,
    ENV
  }

  YamlPath yamlPath() {
    return new YamlPath(path);
  }

  /** What an export writes at the path: the reference for ASK/ENV, the mask otherwise. */
  String exported() {
    if (source == Source.ENV) {
      return "%ENV{" + reference + "}";
    }
    if (state == SecretState.ASK && reference != null) {
      return "%ASK{" + reference + "}";
    }
    return SecretSealer.MASK;
  }
}
