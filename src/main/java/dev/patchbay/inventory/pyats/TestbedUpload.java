package dev.patchbay.inventory.pyats;

import java.util.Map;

/**
 * A testbed file as a request brings it: its text, the name of the uploaded file (or {@code null}
 * when the body is the file itself) and the values the request gives for {@code %ENV{}} variables.
 */
public record TestbedUpload(String text, String fileName, Map<String, String> environment) {

  public TestbedUpload {
    environment = Map.copyOf(environment);
  }

  /** A file sent as the request body, with nothing else. */
  public static TestbedUpload of(String text) {
    return new TestbedUpload(text, null, Map.of());
  }
}
