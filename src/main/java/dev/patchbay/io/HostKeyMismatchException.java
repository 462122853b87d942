package dev.patchbay.io;

import dev.patchbay.api.ProblemType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SSH host key differs from the one pinned for the connection definition, or is not pinned
 * under the strict policy. Names the connection, its endpoint and both SHA-256 fingerprints.
 */
public class HostKeyMismatchException extends ConnectionException {

  /**
   * @param connection the definition's name, {@code device/connection}
   * @param forgetPath the REST path that forgets the pinned key, or null
   */
  public HostKeyMismatchException(
      String connection, String endpoint, String expected, String presented, String forgetPath) {
    super(
        ProblemType.HOST_KEY_MISMATCH,
        expected == null
            ? "connection "
                + connection
                + " ("
                + endpoint
                + ") presented host key "
                + presented
                + ", which is not pinned, and its host_key_policy is strict"
            : "connection "
                + connection
                + " ("
                + endpoint
                + ") presented host key "
                + presented
                + " but "
                + expected
                + " is pinned"
                + (forgetPath == null
                    ? ""
                    : "; if the device's key changed legitimately, forget the pinned key (DELETE "
                        + forgetPath
                        + ")"),
        null,
        null,
        properties(connection, endpoint, expected, presented));
  }

  private static Map<String, Object> properties(
      String connection, String endpoint, String expected, String presented) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("connection", connection);
    properties.put("endpoint", endpoint);
    if (expected != null) {
      properties.put("expected", expected);
    }
    properties.put("presented", presented);
    return properties;
  }
}
