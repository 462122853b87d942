package dev.patchbay.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.audit.AuditLog;
import dev.patchbay.security.masking.SecretMasker;
import dev.patchbay.security.masking.SecretRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * Issue 20's done-when check: every secret rule's example line goes to a simulated router through
 * REST configure, a batch, rejected executes (problem details) and the web terminal (typed one
 * keystroke at a time), the router echoes them all in {@code show running-config}, and each line is
 * also logged as a careless library would; then no secret value of any rule appears in the
 * recordings, the audit log, the problem details or the log output. The caller's own execute
 * response is the one place they do appear, which proves the device really echoed them.
 */
@Timeout(180)
@ExtendWith(OutputCaptureExtension.class)
class SecretRulesEndToEndTest extends TerminalTestSupport {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Logger log = LoggerFactory.getLogger(SecretRulesEndToEndTest.class);

  @Autowired AuditLog audit;

  @Test
  void noRuleExampleSecretIsRecordedAuditedQuotedOrLogged(CapturedOutput logs) throws Exception {
    Map<String, List<String>> secretsByExample = new LinkedHashMap<>();
    for (SecretRule rule : SecretMasker.rules().rules()) {
      secretsByExample
          .computeIfAbsent(rule.example(), e -> new ArrayList<>())
          .addAll(rule.secretsIn(rule.example()));
    }
    List<String> examples = List.copyOf(secretsByExample.keySet());
    List<String> secrets = secretsByExample.values().stream().flatMap(List::stream).toList();
    assertThat(secrets).hasSizeGreaterThanOrEqualTo(examples.size());

    String device = registerDevice("rules");
    openSession(device, "auto");
    String session = "/api/v1/devices/" + device + "/sessions/auto";
    post(session + "/configure", "{\"lines\": " + JSON.writeValueAsString(examples) + "}")
        .expectStatus()
        .isOk();
    List<String> batch = new ArrayList<>(List.of("configure terminal"));
    batch.addAll(examples);
    batch.add("end");
    JsonNode batched =
        JSON.readTree(
            post(
                    session + "/execute-batch",
                    "{\"commands\": " + JSON.writeValueAsString(batch) + "}")
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
    assertThat(batched.path("complete").asBoolean()).as("%s", batched).isTrue();

    List<String> problems = new ArrayList<>();
    for (String example : examples) {
      problems.add(
          post(session + "/execute", "{\"command\": " + JSON.writeValueAsString(example) + "}")
              .expectStatus()
              .isEqualTo(422)
              .expectBody(String.class)
              .returnResult()
              .getResponseBody());
    }

    String shown = execute(device, "auto", "show running-config").path("output").asString();
    assertThat(secrets)
        .as("the caller's own response shows what the device printed")
        .allMatch(shown::contains);

    typeInTheWebTerminal(device, examples);
    examples.forEach(example -> log.info("sending configuration line: {}", example));

    client
        .delete()
        .uri(session)
        .exchange()
        .expectStatus()
        .isNoContent(); // "term" ended with its viewer
    assertThat(audit.flush(WAIT)).isTrue();

    String recordings = recordingsOf(device);
    String audited = get("/api/v1/audit?device=" + device + "&size=500");
    assertThat(recordings).as("self-check: the recordings hold the sessions").contains("line vty");
    assertThat(audited).as("self-check: every line is audited").contains("command.configure");
    Map<String, String> sinks =
        Map.of(
            "recordings",
            recordings,
            "audit log",
            audited,
            "problem details",
            String.join("\n", problems),
            "log output",
            logs.getAll());
    sinks.forEach(
        (sink, text) -> {
          for (String secret : secrets) {
            int at = text.indexOf(secret);
            assertThat(at)
                .as(
                    "secret %s in the %s: …%s…",
                    secret,
                    sink,
                    at < 0
                        ? ""
                        : text.substring(Math.max(0, at - 400), Math.min(text.length(), at + 200)))
                .isNegative();
          }
        });
    assertThat(logs.getAll()).contains("sending configuration line: enable secret 5 *****");
  }

  /** Opens a terminal session and types every line one keystroke per frame, in config mode. */
  private void typeInTheWebTerminal(String device, List<String> examples) {
    try (TestViewer viewer = connectAs("rules-typist", terminal(device, "term", "open=true"))) {
      viewer.control("{\"type\": \"request-write\"}");
      viewer.awaitStatus(s -> s.path("writable").asBoolean(), WAIT);
      viewer.type("configure terminal\r");
      viewer.awaitOutput("(config)#", WAIT);
      for (String example : examples) {
        int prompts = viewer.outputCount("(config)#");
        for (char c : (example + "\r").toCharArray()) {
          viewer.type(String.valueOf(c));
        }
        viewer.awaitOutputCount("(config)#", prompts + 1, WAIT);
      }
      viewer.type("end\r");
      viewer.awaitOutput("#", WAIT);
      viewer.type("show running-config\r");
      viewer.awaitOutput("line vty", WAIT);
      viewer.awaitOutputEnding("#", WAIT);
    }
  }

  /** Every recording of {@code device}, once each has ended, joined up. */
  private String recordingsOf(String device) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      JsonNode page = JSON.readTree(get("/api/v1/recordings?device=" + device));
      boolean ended = page.path("totalItems").asLong() == 2;
      for (JsonNode item : page.path("items")) {
        ended &= item.hasNonNull("endedAt");
      }
      if (ended) {
        StringBuilder all = new StringBuilder();
        for (JsonNode item : page.path("items")) {
          all.append(get(item.path("href").asString())).append('\n');
        }
        return all.toString();
      }
      assertThat(System.nanoTime()).as("recordings ended: %s", page).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private String get(String uri) {
    return client
        .get()
        .uri(uri)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .returnResult()
        .getResponseBody();
  }
}
