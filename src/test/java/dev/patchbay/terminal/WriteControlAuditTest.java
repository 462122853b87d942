package dev.patchbay.terminal;

import static dev.patchbay.audit.AuditQueries.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.audit.AuditLog;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Write control handoffs in the web terminal are audited: granted and refused requests, REST
 * automation preempting the writing viewer and handing control back, a release, and a viewer
 * leaving while it holds control; so are sessions a viewer opens and that close with it.
 */
class WriteControlAuditTest extends TerminalTestSupport {

  private static final Duration WAIT = Duration.ofSeconds(15);

  @Autowired AuditLog auditLog;

  @Test
  void handoffsAreAudited() throws InterruptedException {
    String device = registerDevice("ws-audit");
    openSession(device, "default");
    try (TestViewer alice = connectAs("alice", terminal(device, "default", ""));
        TestViewer bob = connectAs("bob", terminal(device, "default", ""))) {
      bob.awaitStatus(s -> s.path("viewers").asInt() == 2, WAIT);
      alice.control("{\"type\": \"request-write\"}");
      alice.awaitStatus(s -> s.path("writable").asBoolean(), WAIT);
      bob.control("{\"type\": \"request-write\"}");
      bob.awaitMessage(m -> "write-refused".equals(m.path("code").asString()), WAIT, "refusal");

      execute(device, "default", "show clock");
      alice.awaitStatus(s -> s.path("writable").asBoolean(), WAIT);
      alice.control("{\"type\": \"release-write\"}");
      bob.awaitStatus(s -> !s.has("writer"), WAIT);
      bob.control("{\"type\": \"request-write\"}");
      bob.awaitStatus(s -> s.path("writable").asBoolean(), WAIT);
    }

    List<JsonNode> events =
        await(
            client,
            auditLog,
            "device=" + device + "&action=terminal.*",
            found -> found.size() >= 7);
    assertThat(events.reversed())
        .extracting(e -> e.path("action").asString() + " " + e.path("outcome").asString())
        .containsExactly(
            "terminal.write-request SUCCESS",
            "terminal.write-request REFUSED",
            "terminal.write-preempt SUCCESS",
            "terminal.write-return SUCCESS",
            "terminal.write-release SUCCESS",
            "terminal.write-request SUCCESS",
            "terminal.write-release SUCCESS");
    // viewer ids depend on the attach order of the two viewers: leave them out
    List<String> details =
        events.reversed().stream()
            .map(e -> e.path("detail").asString().replaceAll("viewer v\\d+ ", "viewer "))
            .toList();
    assertThat(details.get(0)).isEqualTo("session 'default': viewer (alice) took write control");
    assertThat(details.get(1))
        .isEqualTo(
            "session 'default': viewer (bob) was refused write control, held by viewer"
                + " (alice)");
    assertThat(details.get(2))
        .isEqualTo("session 'default': REST automation took write control from viewer (alice)");
    assertThat(details.get(4))
        .isEqualTo("session 'default': viewer (alice) released write control");
    assertThat(details.get(6))
        .isEqualTo("session 'default': viewer (bob) left holding write control");
  }

  @Test
  void anAdminTakesWriteControlFromAnOperatorWhoIsToldAndAnOperatorMayNot()
      throws InterruptedException {
    String device = registerDevice("ws-force");
    openSession(device, "default");
    try (TestViewer alice = connectAs("alice", terminal(device, "default", ""));
        TestViewer bob = connectAs("bob", terminal(device, "default", ""));
        TestViewer admin = TestViewer.connect(terminal(device, "default", ""))) {
      admin.awaitStatus(s -> s.path("viewers").asInt() == 3, WAIT);
      alice.control("{\"type\": \"request-write\"}");
      alice.awaitStatus(s -> s.path("writable").asBoolean(), WAIT);

      bob.control("{\"type\": \"take-write\"}");
      bob.awaitMessage(m -> "forbidden".equals(m.path("code").asString()), WAIT, "forbidden");
      admin.control("{\"type\": \"take-write\"}");
      admin.awaitStatus(s -> s.path("writable").asBoolean(), WAIT);
      alice.awaitMessage(
          m ->
              "write-taken".equals(m.path("code").asString())
                  && m.path("message").asString().contains("(admin)"),
          WAIT,
          "told that the admin took control");
      assertThat(alice.awaitStatus(s -> !s.path("writable").asBoolean(), WAIT).path("writerName"))
          .hasToString("\"admin\"");
      admin.type("show clock\r");
      alice.awaitOutput("show clock", WAIT);
    }

    List<JsonNode> events =
        await(
            client,
            auditLog,
            "device=" + device + "&action=terminal.write-force",
            found -> found.size() >= 1);
    assertThat(events.getFirst().path("actor").asString()).isEqualTo("admin");
    assertThat(events.getFirst().path("detail").asString().replaceAll("viewer v\\d+ ", "viewer "))
        .isEqualTo("session 'default': viewer (admin) took write control from viewer (alice)");
  }

  @Test
  void aSessionOpenedByAViewerIsAuditedUntilItClosesWithIt() throws InterruptedException {
    String device = registerDevice("ws-audit-open");
    try (TestViewer viewer = connectAs("dave", terminal(device, "solo", "open=true"))) {
      viewer.awaitStatus(s -> "CONNECTED".equals(s.path("state").asString()), WAIT);
    }
    List<JsonNode> events =
        await(
            client, auditLog, "device=" + device + "&action=session.*", found -> found.size() >= 2);
    assertThat(events.reversed())
        .extracting(e -> e.path("action").asString() + ": " + e.path("detail").asString())
        .containsExactly(
            "session.open: session 'solo' via cli (ssh)",
            "session.close: session 'solo' via cli (ssh): the last viewer of a session it opened"
                + " left");
  }
}
