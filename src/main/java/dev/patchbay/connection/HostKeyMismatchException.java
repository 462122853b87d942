package dev.patchbay.connection;

import dev.patchbay.api.ProblemType;
import java.util.Map;

/** The SSH host key differs from the pinned one, or is unknown under the strict policy. */
public class HostKeyMismatchException extends ConnectionException {

  public HostKeyMismatchException(String endpoint, String expected, String presented) {
    super(
        ProblemType.HOST_KEY_MISMATCH,
        expected == null
            ? "host key " + presented + " of " + endpoint + " is not pinned (policy strict)"
            : "host key of " + endpoint + " is " + presented + ", pinned " + expected,
        null,
        null,
        expected == null
            ? Map.of("endpoint", endpoint, "presented", presented)
            : Map.of("endpoint", endpoint, "presented", presented, "expected", expected));
  }
}
