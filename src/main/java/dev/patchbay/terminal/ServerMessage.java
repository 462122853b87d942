package dev.patchbay.terminal;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A JSON text frame from the server (see {@code docs/terminal-protocol.md}): {@code status} or
 * {@code error}. Absent fields are omitted.
 *
 * @param type {@code status} or {@code error}
 * @param state session state ({@code CONNECTED}, {@code RECONNECTING}, {@code DISCONNECTED}, {@code
 *     CLOSED}), status only
 * @param writer who holds write control: a viewer id, {@code automation}, or absent when free
 * @param writerName the name the holding viewer gave
 * @param you this viewer's id
 * @param writable whether this viewer may type now
 * @param viewers viewers attached
 * @param code stable error code, error only
 * @param message human-readable explanation, error only
 * @param skippedBytes output this viewer missed because it fell behind ({@code output-skipped})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ServerMessage(
    String type,
    String state,
    String writer,
    String writerName,
    String you,
    Boolean writable,
    Integer viewers,
    String code,
    String message,
    Long skippedBytes) {

  static ServerMessage status(
      String state, String writer, String writerName, String you, boolean writable, int viewers) {
    return new ServerMessage(
        "status", state, writer, writerName, you, writable, viewers, null, null, null);
  }

  static ServerMessage error(String code, String message) {
    return new ServerMessage("error", null, null, null, null, null, null, code, message, null);
  }

  static ServerMessage skipped(long bytes) {
    return new ServerMessage(
        "error",
        null,
        null,
        null,
        null,
        null,
        null,
        "output-skipped",
        "this viewer fell behind; " + bytes + " bytes of output were skipped",
        bytes);
  }
}
