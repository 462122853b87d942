package dev.patchbay.terminal;

import dev.patchbay.security.masking.PasswordPrompt;

/**
 * The latest output of a session, replayed to a viewer when it attaches, without what the device
 * echoed while a secret was being entered. Guarded by its hub.
 */
final class Scrollback {

  private final ChunkQueue kept;
  private final PasswordPrompt prompt = new PasswordPrompt();

  Scrollback(long capacityBytes) {
    this.kept = new ChunkQueue(capacityBytes);
  }

  void add(byte[] output) {
    byte[] safe = prompt.seen(output);
    if (safe.length > 0) {
      kept.offer(safe);
    }
  }

  byte[] snapshot() {
    return kept.snapshot();
  }
}
