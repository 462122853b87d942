package dev.patchbay.simulator.cli;

/**
 * Turns terminal input bytes into keys: CR LF, CR NUL, lone CR and lone LF all become one ENTER; BS
 * and DEL erase; Ctrl-C interrupts; ANSI escape sequences (arrow keys...) are dropped.
 */
final class KeyDecoder {

  /** Key kinds. */
  enum Kind {
    CHARACTER,
    ENTER,
    ERASE,
    INTERRUPT,
    NONE
  }

  private boolean afterCr;
  private int escape;

  /** The key {@code b} completes, {@link Kind#NONE} when it only continues a sequence. */
  Kind decode(byte b) {
    boolean skipAfterCr = afterCr;
    afterCr = false;
    if (escape == 1) {
      escape = (b == '[' || b == 'O') ? 2 : 0;
      return Kind.NONE;
    }
    if (escape == 2) {
      if (b >= 0x40 && b <= 0x7e) {
        escape = 0;
      }
      return Kind.NONE;
    }
    return switch (b) {
      case '\r' -> {
        afterCr = true;
        yield Kind.ENTER;
      }
      case '\n', 0 -> skipAfterCr ? Kind.NONE : (b == 0 ? Kind.NONE : Kind.ENTER);
      case 0x08, 0x7f -> Kind.ERASE;
      case 0x03 -> Kind.INTERRUPT;
      case 0x1b -> {
        escape = 1;
        yield Kind.NONE;
      }
      default -> Kind.CHARACTER;
    };
  }
}
