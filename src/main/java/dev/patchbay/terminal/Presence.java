package dev.patchbay.terminal;

import java.util.List;

/**
 * Who is at a session's terminal now.
 *
 * @param writer the name of the viewer holding write control, {@value #AUTOMATION} while a REST
 *     call runs, or null when nobody holds it
 * @param viewers the names of the attached viewers (their API tokens), in attach order
 */
public record Presence(String writer, List<String> viewers) {

  /** The writer while REST automation holds write control. */
  public static final String AUTOMATION = "REST automation";
}
