package dev.patchbay.manager;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Issue 20: a user's pattern that cannot compile is refused when it is written (400 naming the
 * field and the position), and one stored before that check is a clear problem at open, never a
 * 500; a catastrophic but valid pattern is accepted, since the engine matches in linear time.
 */
class UserPatternsApiTest extends SessionApiTestSupport {

  @Autowired JdbcTemplate jdbc;

  @Test
  void anInvalidPromptIsRefusedWhenTheDeviceIsWritten() {
    String name = "prompts-" + UUID.randomUUID().toString().substring(0, 8);
    JsonNode refused =
        problem(
            post(
                "/api/v1/devices",
                """
                {"name": "%s", "os": "iosxe",
                 "connections": [{"name": "cli", "protocol": "ssh", "host": "127.0.0.1",
                                  "prompts": {"exec": "((((", "config": "^%%N\\\\(conf(?!x)"}}]}
                """
                    .formatted(name)),
            400,
            "validation");
    assertThat(refused.path("errors").toString())
        .contains("connections[0].prompts.exec", "missing closing ) at position 4")
        .contains("connections[0].prompts.config", "at position 9");
    problem(get("/api/v1/devices/" + name), 404, "not-found");
  }

  @Test
  void invalidExecutePatternsAreRefusedNamingTheirFields() {
    String device = registerDevice("patterns");
    body(post(sessions(device), "{\"alias\": \"p\"}"), 201);
    JsonNode refused =
        problem(
            post(
                sessions(device) + "/p/execute",
                """
                {"command": "show clock", "prompt": "a(?=b)",
                 "reply": [{"pattern": "ok", "answer": "y"}, {"pattern": "(x", "answer": "y"}],
                 "errorPatterns": ["(a)\\\\1"]}
                """),
            400,
            "validation");
    assertThat(refused.path("errors").toString()).contains("reply[1].pattern", "at position 2");

    refused =
        problem(
            post(sessions(device) + "/p/execute", "{\"command\": \"x\", \"prompt\": \"a(?=b)\"}"),
            400,
            "validation");
    assertThat(refused.path("errors").toString()).contains("\"prompt\"", "at position 1");
    refused =
        problem(
            post(
                sessions(device) + "/p/execute",
                "{\"command\": \"x\", \"errorPatterns\": [\"ok\", \"(a)\\\\1\"]}"),
            400,
            "validation");
    assertThat(refused.path("errors").toString())
        .contains("errorPatterns[1]", "invalid escape sequence at position 3");

    JsonNode answered =
        body(
            post(
                sessions(device) + "/p/execute",
                "{\"command\": \"show clock\", \"errorPatterns\": [\"(a+)+$\"]}"),
            200);
    assertThat(answered.path("output").asString()).isNotEmpty();
  }

  @Test
  void aStoredInvalidPromptIsAClearProblemAtOpen() {
    String device = registerDevice("stored");
    jdbc.update(
        "update connection_definition set prompts = ? where name = 'cli' and device_id ="
            + " (select id from device where name = ?)",
        "{\"exec\": \"((((\"}",
        device);
    JsonNode refused = problem(post(sessions(device), "{\"via\": \"cli\"}"), 400, "validation");
    assertThat(refused.path("detail").asString())
        .contains(device + "/cli", "prompts.exec", "missing closing ) at position 4");
  }
}
