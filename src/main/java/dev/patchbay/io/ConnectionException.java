package dev.patchbay.io;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import java.util.List;
import java.util.Map;

/**
 * A failure talking to a device, with a stable {@link ProblemType}. Library exceptions (MINA SSHD,
 * Commons Net, jSerialComm) never cross this boundary: they are kept only as the cause.
 */
public class ConnectionException extends PatchbayException {

  /** How much of the device output a problem document carries (the tail is the useful part). */
  static final int OUTPUT_IN_PROBLEM = 4096;

  private final String output;

  protected ConnectionException(ProblemType type, String detail, String output, Throwable cause) {
    this(type, detail, output, cause, Map.of());
  }

  protected ConnectionException(
      ProblemType type,
      String detail,
      String output,
      Throwable cause,
      Map<String, Object> properties) {
    super(type, detail, List.of(), withOutput(properties, output));
    this.output = output == null ? "" : output;
    if (cause != null) {
      initCause(cause);
    }
  }

  /** The device output received before the failure (empty when there was none). */
  public String output() {
    return output;
  }

  private static Map<String, Object> withOutput(Map<String, Object> properties, String output) {
    if (output == null || output.isEmpty()) {
      return properties;
    }
    String tail =
        output.length() > OUTPUT_IN_PROBLEM
            ? output.substring(output.length() - OUTPUT_IN_PROBLEM)
            : output;
    var all = new java.util.LinkedHashMap<String, Object>(properties);
    all.put("output", tail);
    return all;
  }
}
