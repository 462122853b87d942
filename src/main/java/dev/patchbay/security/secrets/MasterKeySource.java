package dev.patchbay.security.secrets;

import java.util.List;

/**
 * Where the master keys came from: the current key, the decrypt-only previous ones and, for the
 * embedded default, the key files ({@code null} when the keys are configured).
 */
record MasterKeySource(MasterKey current, List<MasterKey> previous, MasterKeyFiles files) {

  /** After a complete rotation: rotated-out key files are no longer needed. */
  void rotationCompleted() {
    if (files != null) {
      files.dropPrevious();
    }
  }
}
