package dev.patchbay.terminal;

/**
 * Who may type into a session: nobody, one viewer, or the REST automation. Policy: first come,
 * first served; the holder keeps control until it releases it or leaves. Automation (an execute or
 * configure) always takes control for its duration and then hands it back to the viewer that held
 * it, if that viewer is still attached. Guarded by its hub.
 */
final class WriteControl {

  /** The holder's name in status messages while REST automation runs. */
  static final String AUTOMATION = "automation";

  private String viewer;
  private int automationCalls;

  /** Grants control to {@code viewerId} if it is free (or already held by it). */
  boolean request(String viewerId) {
    if (automationCalls > 0 || (viewer != null && !viewer.equals(viewerId))) {
      return false;
    }
    viewer = viewerId;
    return true;
  }

  /** Releases control if {@code viewerId} holds it; true when it did. */
  boolean release(String viewerId) {
    if (viewerId.equals(viewer)) {
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

  boolean mayWrite(String viewerId) {
    return automationCalls == 0 && viewerId.equals(viewer);
  }

  /** {@value #AUTOMATION}, the holding viewer's id, or null when free. */
  String holder() {
    return automationCalls > 0 ? AUTOMATION : viewer;
  }
}
