package dev.patchbay.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.recording.OpenFiles;
import dev.patchbay.recording.Recordings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

/**
 * Recordings of web terminal and pooled sessions: listed and filtered over REST, downloaded as
 * asciicast v2 with output, input (but not the enable secret) and resizes, played by Debian's
 * {@code asciinema cat}, and deleted by the retention sweep. A live session's file is closed while
 * it is idle.
 */
@Timeout(90)
@TestPropertySource(
    properties = {
      "patchbay.recordings.retention=3s",
      "patchbay.data-dir=" + RecordingTest.DATA_DIR,
      "spring.datasource.url=jdbc:h2:mem:patchbay-recordings;DB_CLOSE_DELAY=-1"
    })
class RecordingTest extends TerminalTestSupport {

  static final String DATA_DIR = "target/test-data/recording-test";

  private static final Duration WAIT = Duration.ofSeconds(15);

  @Autowired Recordings recordings;

  @BeforeAll
  static void noRecordingsYet() throws IOException {
    FileSystemUtils.deleteRecursively(Path.of(DATA_DIR));
  }

  @Test
  void aViewerSessionIsRecordedListedDownloadedAndPlayable() throws Exception {
    String device = registerDevice("rec");
    try (TestViewer viewer = connectAs("dana", terminal(device, "rec", "open=true"))) {
      viewer.control("{\"type\": \"request-write\"}");
      viewer.awaitStatus(s -> s.path("writable").asBoolean(), WAIT);
      viewer.control("{\"type\": \"resize\", \"cols\": 120, \"rows\": 40}");
      // The viewer starts from the prompt the connection read while opening: wait for each answer.
      viewer.type("disable\r");
      viewer.awaitOutputEnding("r1>", WAIT);
      viewer.type("enable\r");
      viewer.awaitOutputEnding("Password: ", WAIT);
      viewer.type("cisco\r");
      viewer.awaitOutputEnding("r1#", WAIT);
      viewer.type("show version\r");
      viewer.awaitOutput("Cisco IOS XE Software, Version 17.09.04a", WAIT);
    }

    JsonNode page = listUntilEnded(device);
    JsonNode item = page.path("items").get(0);
    assertThat(item.path("alias").asString()).isEqualTo("rec");
    assertThat(item.path("openedBy").asString()).isEqualTo("viewer:dana");
    assertThat(item.path("bytes").asLong()).isPositive();

    String cast =
        client
            .get()
            .uri(item.path("href").asString())
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentType("application/x-asciicast")
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    List<String> lines = cast.lines().toList();
    JsonNode header = JSON.readTree(lines.getFirst());
    assertThat(header.path("version").asInt()).isEqualTo(2);
    assertThat(header.path("width").asInt()).isEqualTo(80);
    assertThat(header.path("title").asString()).isEqualTo(device + "/rec");
    assertThat(cast).contains("[", "\"r\",\"120x40\"", "\"i\",\"show version\\r\"");
    assertThat(cast).as("the enable secret typed at Password:").doesNotContain("cisco\\r");

    Path file = Files.createTempFile("recording", ".cast");
    Files.writeString(file, cast);
    // asciinema 2.2 cat opens /dev/tty; script(1) (bsdutils) gives it a pseudo-terminal
    Process play =
        new ProcessBuilder("script", "-qec", "asciinema cat " + file, "/dev/null")
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectErrorStream(true)
            .start();
    assertThat(play.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String played = new String(play.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(play.exitValue()).as(played).isZero();
    assertThat(played).contains("show version", "Cisco IOS XE Software, Version 17.09.04a");
    Files.delete(file);

    JsonNode filtered = list("?device=" + device + "&alias=other");
    assertThat(filtered.path("totalItems").asLong()).isZero();
    JsonNode future = list("?device=" + device + "&from=2999-01-01T00:00:00Z");
    assertThat(future.path("totalItems").asLong()).isZero();
  }

  @Test
  void anIdleLiveSessionHoldsNoRecordingFileAndItsOutputIsAppendedLater() throws Exception {
    String device = registerDevice("idle");
    Set<Path> before = castFiles();
    openSession(device, "default");
    Set<Path> started = castFiles();
    started.removeAll(before);
    assertThat(started).hasSize(1);
    Path file = started.iterator().next();

    OpenFiles.awaitClosed(file, WAIT);
    JsonNode live = list("?device=" + device).path("items").get(0);
    assertThat(live.hasNonNull("endedAt")).as("the session is still live: " + live).isFalse();
    String idle = download(live.path("href").asString());
    assertThat(idle).startsWith("{\"version\":2");

    execute(device, "default", "show version");
    String appended = download(live.path("href").asString());
    assertThat(appended).startsWith(idle).contains("Cisco IOS XE Software, Version 17.09.04a");
    List<String> lines = appended.lines().toList();
    assertThat(JSON.readTree(lines.getFirst()).path("version").asInt()).isEqualTo(2);
    lines
        .subList(1, lines.size())
        .forEach(line -> assertThat(JSON.readTree(line).isArray()).isTrue());

    client
        .delete()
        .uri("/api/v1/devices/" + device + "/sessions/default")
        .exchange()
        .expectStatus()
        .isNoContent();
    listUntilEnded(device);
    assertThat(OpenFiles.isOpen(file)).isFalse();
  }

  @Test
  void aPooledSessionIsRecordedOneFilePerMember() throws Exception {
    String device = registerDevice("pool");
    post("/api/v1/devices/" + device + "/sessions", "{\"alias\": \"p\", \"poolSize\": 2}")
        .expectStatus()
        .isCreated();
    execute(device, "p", "show version");
    client
        .delete()
        .uri("/api/v1/devices/" + device + "/sessions/p")
        .exchange()
        .expectStatus()
        .isNoContent();

    JsonNode items = listUntilEnded(device, 2).path("items");
    List<String> casts = new ArrayList<>();
    for (JsonNode item : items) {
      assertThat(item.path("alias").asString()).isEqualTo("p");
      assertThat(item.path("openedBy").asString()).isEqualTo("rest");
      casts.add(download(item.path("href").asString()));
    }
    assertThat(casts)
        .extracting(cast -> JSON.readTree(cast.lines().findFirst().orElseThrow()))
        .extracting(header -> header.path("title").asString())
        .containsExactlyInAnyOrder(device + "/p (member 1 of 2)", device + "/p (member 2 of 2)");
    assertThat(casts)
        .as("the member that ran the command recorded its output")
        .anySatisfy(cast -> assertThat(cast).contains("Cisco IOS XE Software, Version 17.09.04a"));
  }

  @Test
  void theRetentionSweepDeletesOldRecordingsAndTheirFiles() throws Exception {
    String device = registerDevice("sweep");
    openSession(device, "default");
    client
        .delete()
        .uri("/api/v1/devices/" + device + "/sessions/default")
        .exchange()
        .expectStatus()
        .isNoContent();
    JsonNode item = listUntilEnded(device).path("items").get(0);
    String href = item.path("href").asString();
    client.get().uri(href).exchange().expectStatus().isOk();

    Thread.sleep(3_500);
    assertThat(recordings.sweep()).isPositive();
    assertThat(list("?device=" + device).path("totalItems").asLong()).isZero();
    client.get().uri(href).exchange().expectStatus().isNotFound();
    try (var files = Files.list(Path.of(DATA_DIR, "recordings"))) {
      assertThat(files.toList())
          .as("files left after sweeping everything older than 3 s")
          .isEmpty();
    }
  }

  private JsonNode listUntilEnded(String device) throws InterruptedException, IOException {
    return listUntilEnded(device, 1);
  }

  /** The device's recordings once there are {@code count} and all have ended. */
  private JsonNode listUntilEnded(String device, int count)
      throws InterruptedException, IOException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      JsonNode page = list("?device=" + device);
      if (page.path("totalItems").asLong() == count && allEnded(page.path("items"))) {
        return page;
      }
      assertThat(System.nanoTime()).as("recording ended in time: " + page).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static boolean allEnded(JsonNode items) {
    for (JsonNode item : items) {
      if (!item.has("endedAt") || item.path("endedAt").isNull()) {
        return false;
      }
    }
    return true;
  }

  private String download(String href) {
    return client
        .get()
        .uri(href)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .returnResult()
        .getResponseBody();
  }

  private static Set<Path> castFiles() throws IOException {
    Path directory = Path.of(DATA_DIR, "recordings");
    if (!Files.isDirectory(directory)) {
      return new HashSet<>();
    }
    try (var files = Files.list(directory)) {
      return files.collect(Collectors.toCollection(HashSet::new));
    }
  }

  private JsonNode list(String query) {
    return JSON.readTree(
        client
            .get()
            .uri("/api/v1/recordings" + query)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody());
  }
}
