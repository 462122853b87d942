package dev.patchbay.terminal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

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
 * @param viewerNames the names of the attached viewers (their API tokens), in attach order
 * @param maxInputFrame largest binary input frame accepted, in bytes (a paste is split into such
 *     frames)
 * @param inputRate input accepted per second after a burst of {@code inputBurst} bytes
 * @param inputBurst input accepted at once
 * @param outputHighWatermark unacknowledged output at which a viewer that acknowledges waits
 * @param outputLowWatermark unacknowledged output at which it resumes; such a viewer acknowledges
 *     at least every this many bytes
 * @param code stable error code, error only
 * @param message human-readable explanation, error only
 * @param skippedBytes output this viewer missed because it fell behind ({@code output-skipped})
 * @param reason why the session closed, status with state {@code CLOSED} only
 * @param closedBy who closed it (an API token's name), absent when Patchbay did
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
    List<String> viewerNames,
    Long maxInputFrame,
    Long inputRate,
    Long inputBurst,
    Long outputHighWatermark,
    Long outputLowWatermark,
    String code,
    String message,
    Long skippedBytes,
    String reason,
    String closedBy) {

  static ServerMessage status(
      String state,
      String writer,
      String writerName,
      String you,
      boolean writable,
      List<String> viewerNames,
      TerminalProperties limits,
      SessionEnd end) {
    return new ServerMessage(
        "status",
        state,
        writer,
        writerName,
        you,
        writable,
        viewerNames.size(),
        viewerNames,
        limits.maxInputFrame().toBytes(),
        limits.inputRate().toBytes(),
        limits.inputBurst().toBytes(),
        limits.outputHighWatermark().toBytes(),
        limits.outputLowWatermark().toBytes(),
        null,
        null,
        null,
        end == null ? null : end.reason(),
        end == null ? null : end.closedBy());
  }

  static ServerMessage error(String code, String message) {
    return new ServerMessage(
        "error", null, null, null, null, null, null, null, null, null, null, null, null, code,
        message, null, null, null);
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
        null,
        null,
        null,
        null,
        null,
        null,
        "output-skipped",
        "this viewer fell behind; " + bytes + " bytes of output were skipped",
        bytes,
        null,
        null);
  }
}
