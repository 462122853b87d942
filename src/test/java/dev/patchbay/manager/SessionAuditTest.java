package dev.patchbay.manager;

import static dev.patchbay.audit.AuditQueries.actionsOldestFirst;
import static dev.patchbay.audit.AuditQueries.events;
import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.audit.AuditLog;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Sessions, commands and configuration lines end up in the audit trail, queryable over REST by
 * device, actor, action, outcome and time, with secrets masked and nothing else changed: the device
 * still receives the secret.
 */
class SessionAuditTest extends SessionApiTestSupport {

  @Autowired AuditLog auditLog;

  @Test
  void sessionsCommandsAndConfigurationLinesAreAuditedWithSecretsMasked() {
    String device = registerDevice("audit");
    body(post(sessions(device), "{\"alias\": \"a1\"}"), 201);
    execute(device, "a1", "show version");
    body(
        post(
            sessions(device) + "/a1/execute-batch",
            "{\"commands\": [\"show clock\", \"show snmp community PubStr9\"]}"),
        200);
    JsonNode rejected =
        problem(
            post(
                sessions(device) + "/a1/configure",
                """
                {"lines": ["username ops password 0 Hunter22", "enable secret 5 TopSecret1",
                           "bogus line", "hostname never-sent"]}
                """),
            422,
            "command-error");
    assertThat(rejected.path("line").asInt()).isEqualTo(3);
    delete(sessions(device) + "/a1").expectStatus().isNoContent();

    List<JsonNode> all = events(client, auditLog, "device=" + device);
    assertThat(actionsOldestFirst(all))
        .containsExactly(
            "session.open",
            "command.execute",
            "command.execute",
            "command.execute",
            "command.configure",
            "command.configure",
            "command.configure",
            "session.close");
    assertThat(all)
        .allSatisfy(
            event -> {
              assertThat(event.path("actor").asString()).isEqualTo("admin");
              assertThat(event.path("devices").get(0).asString()).isEqualTo(device);
              assertThat(event.path("detail").asString())
                  .doesNotContain("PubStr9", "Hunter22", "TopSecret1");
            });
    List<JsonNode> oldestFirst = all.reversed();
    assertThat(oldestFirst.get(0).path("detail").asString())
        .isEqualTo("session 'a1' via cli (ssh)");
    assertThat(oldestFirst.get(3).path("detail").asString())
        .isEqualTo("session 'a1': show snmp community ***** -> command-error");
    assertThat(oldestFirst.get(3).path("outcome").asString()).isEqualTo("FAILURE");
    assertThat(oldestFirst.get(5).path("detail").asString())
        .isEqualTo("session 'a1' line 2/4: enable secret 5 *****");
    assertThat(oldestFirst.get(6).path("outcome").asString()).isEqualTo("FAILURE");
    assertThat(oldestFirst.get(6).path("detail").asString())
        .isEqualTo("session 'a1' line 3/4: bogus line -> command-error");
    assertThat(oldestFirst.get(7).path("detail").asString())
        .isEqualTo("session 'a1' via cli (ssh): closed by request");

    assertThat(events(client, auditLog, "device=" + device + "&action=command.*")).hasSize(6);
    assertThat(
            events(
                client, auditLog, "device=" + device + "&action=command.configure&outcome=FAILURE"))
        .hasSize(1);
    assertThat(events(client, auditLog, "device=" + device + "&actor=admin")).hasSize(8);
    assertThat(events(client, auditLog, "device=" + device + "&actor=someone-else")).isEmpty();
    Instant configured = Instant.parse(oldestFirst.get(4).path("occurredAt").asString());
    assertThat(events(client, auditLog, "device=" + device + "&from=" + configured))
        .hasSizeGreaterThanOrEqualTo(4)
        .allSatisfy(
            event ->
                assertThat(Instant.parse(event.path("occurredAt").asString()))
                    .isAfterOrEqualTo(configured));
    assertThat(events(client, auditLog, "device=" + device + "&to=" + configured))
        .hasSizeLessThanOrEqualTo(4);
  }

  @Test
  void refusedAndFailedOpensAreAudited() {
    String device = registerDevice("audit-open");
    body(
        post(
            "/api/v1/devices/" + device + "/connections",
            """
            {"name": "dead", "protocol": "telnet", "host": "127.0.0.1", "port": 1,
             "timeouts": {"connectSeconds": 2}}
            """),
        201);
    body(post(sessions(device), "{\"alias\": \"a1\"}"), 201);
    problem(post(sessions(device), "{\"alias\": \"a1\"}"), 409, "session-exists");
    problem(
        post(sessions(device), "{\"alias\": \"a2\", \"via\": \"dead\"}"),
        502,
        "device-unreachable");

    List<JsonNode> opens = events(client, auditLog, "device=" + device + "&action=session.open");
    assertThat(opens.reversed())
        .extracting(e -> e.path("outcome").asString())
        .containsExactly("SUCCESS", "REFUSED", "FAILURE");
    assertThat(opens.get(1).path("detail").asString()).contains("session-exists");
    assertThat(opens.get(0).path("detail").asString())
        .startsWith("session 'a2' via dead (telnet): device-unreachable: ");
    assertThat(events(client, auditLog, "device=" + device + "&outcome=REFUSED")).hasSize(1);
  }

  @Test
  void anUnknownOutcomeIsAProblem() {
    problem(get("/api/v1/audit?outcome=MAYBE"), 400, "malformed-request");
  }
}
