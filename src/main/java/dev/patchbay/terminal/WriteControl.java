package dev.patchbay.terminal;

/**
 * Who may type into a session: nobody, one viewer, or the REST automation. Policy: first come,
 * first served; the holder keeps control until it releases it or leaves, or an ADMIN viewer takes
 * it ({@link #force}). Automation (an execute or configure) always takes control for its duration
 * and then hands it back to the viewer that held it, if that viewer is still attached. Guarded by
 * its hub.
 */
final class WriteControl {

  /** The holder's name in status messages while REST automation runs. */
  static final String AUTOMATION = "automation";

  private Viewer viewer;
  private int automationCalls;

  /** Grants control to {@code requester} if it is free (or already held by it). */
  boolean request(Viewer requester) {
    if (automationCalls > 0 || (viewer != null && viewer != requester)) {
      return false;
    }
    viewer = requester;
    return true;
  }

  /**
   * Gives control to {@code taker} whoever holds it, except REST automation (which holds it only
   * for one call); returns the viewer it was taken from, or null.
   */
  Viewer force(Viewer taker) {
    Viewer previous = viewer == taker ? null : viewer;
    viewer = taker;
    return previous;
  }

  /** Releases control if {@code leaver} holds it; true when it did. */
  boolean release(Viewer leaver) {
    if (viewer == leaver) {
      viewer = null;
      return true;
    }
    return false;
  }

  void automationStarted() {
    automationCalls++;
  }

  void automationFinished() {
    automationCalls = Math.max(0, automationCalls - 1);
  }

  boolean mayWrite(Viewer writer) {
    return automationCalls == 0 && viewer == writer;
  }

  /** True while REST automation holds control. */
  boolean automationHolds() {
    return automationCalls > 0;
  }

  /** The viewer holding control (or the one it returns to after automation); null when none. */
  Viewer viewer() {
    return viewer;
  }
}
