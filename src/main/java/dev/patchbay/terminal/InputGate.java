package dev.patchbay.terminal;

import java.util.HashMap;
import java.util.Map;

/**
 * Stands in front of a hub's input: a viewer's keystrokes or window change reach the device only if
 * it holds write control, and keystrokes only in frames within the size limit and at most at the
 * input rate (a token bucket per viewer). Owns the session's {@link WriteControl}. Guarded by its
 * hub.
 */
final class InputGate {

  /** Why a viewer's input was refused: the error code and message it is sent. */
  record Refusal(String code, String message) {}

  private final WriteControl control = new WriteControl();
  private final Map<Viewer, InputRateLimit> rates = new HashMap<>();
  private final TerminalProperties limits;

  InputGate(TerminalProperties limits) {
    this.limits = limits;
  }

  WriteControl control() {
    return control;
  }

  /** Why {@code length} typed bytes may not pass now; null when they may. */
  Refusal checkInput(Viewer viewer, int length) {
    Refusal notWriter = checkWriter(viewer);
    if (notWriter != null) {
      return notWriter;
    }
    long max = limits.maxInputFrame().toBytes();
    if (length > max) {
      return new Refusal(
          "input-too-large", "input frame of " + length + " bytes refused; the limit is " + max);
    }
    if (!rates.computeIfAbsent(viewer, v -> newRate()).tryTake(length)) {
      return new Refusal(
          "input-rate-limited",
          "input of "
              + length
              + " bytes refused; the limit is "
              + limits.inputRate().toBytes()
              + " bytes/s");
    }
    return null;
  }

  /** Why the viewer may not write (it does not hold write control); null when it may. */
  Refusal checkWriter(Viewer viewer) {
    if (control.mayWrite(viewer)) {
      return null;
    }
    return new Refusal(
        "write-refused",
        control.automationHolds() || control.viewer() != null
            ? "write control is held by " + holder()
            : "request write control first");
  }

  /** Who holds write control, as a refusal names it. */
  String holder() {
    Viewer viewer = control.viewer();
    if (control.automationHolds()) {
      return "REST automation";
    }
    return viewer == null ? "nobody" : "viewer " + viewer.id() + " (" + viewer.name() + ")";
  }

  /** Forgets a viewer that left, releasing write control if it held it; true when it did. */
  boolean leave(Viewer viewer) {
    rates.remove(viewer);
    return control.release(viewer);
  }

  private InputRateLimit newRate() {
    return new InputRateLimit(limits.inputRate().toBytes(), limits.inputBurst().toBytes());
  }
}
