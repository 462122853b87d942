package dev.patchbay.console;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * One change the console shows, as a server-sent event named after {@code type}. Absent fields are
 * omitted.
 *
 * @param type {@code ready} (the stream is live: load what to show now), {@code session} (a session
 *     opened or changed: state, writer, viewers), {@code session-closed}, {@code lease}
 * @param session the session as it is now ({@code session})
 * @param device the session's device ({@code session-closed})
 * @param alias the session's alias ({@code session-closed})
 * @param closedBy who closed it; absent when Patchbay did ({@code session-closed})
 * @param reason why it closed ({@code session-closed}), or why a lease ended ({@code lease})
 * @param change {@code granted} or {@code ended} ({@code lease})
 * @param leaseId the lease ({@code lease})
 * @param holder who holds it ({@code lease}, granted)
 * @param devices the leased devices the caller may see ({@code lease})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A change the console shows: a session opened, changed or closed, a lease")
public record ConsoleEvent(
    @Schema(
            allowableValues = {"ready", "session", "session-closed", "lease"},
            example = "session")
        String type,
    SessionOverview session,
    String device,
    String alias,
    String closedBy,
    String reason,
    @Schema(allowableValues = {"granted", "ended"}) String change,
    Long leaseId,
    String holder,
    List<String> devices) {

  static ConsoleEvent ready() {
    return new ConsoleEvent("ready", null, null, null, null, null, null, null, null, null);
  }

  static ConsoleEvent session(SessionOverview session) {
    return new ConsoleEvent("session", session, null, null, null, null, null, null, null, null);
  }

  static ConsoleEvent closed(String device, String alias, String closedBy, String reason) {
    return new ConsoleEvent(
        "session-closed", null, device, alias, closedBy, reason, null, null, null, null);
  }

  static ConsoleEvent lease(
      String change, long leaseId, String holder, String reason, List<String> devices) {
    return new ConsoleEvent(
        "lease", null, null, null, null, reason, change, leaseId, holder, devices);
  }
}
