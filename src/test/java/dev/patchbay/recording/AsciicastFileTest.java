package dev.patchbay.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An asciicast file holds its file descriptor only during a burst: idle, it is closed; the next
 * event reopens it and appends, and the file stays one valid asciicast with every event in order.
 */
class AsciicastFileTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir Path dir;

  private final IdleCloser closer = new IdleCloser(Duration.ofMillis(50));
  private final AtomicLong recordedBytes = new AtomicLong(-1);

  @AfterEach
  void stopCloser() {
    closer.close();
  }

  @Test
  void anIdleRecordingHoldsNoFileAndAppendsWhenWrittenAgain() throws Exception {
    Path file = dir.resolve("recordings/idle.cast");
    AsciicastFile recording = start(file);
    recording.output("first burst\r\n".getBytes(StandardCharsets.UTF_8));
    OpenFiles.awaitClosed(file, WAIT);
    assertThat(events(file)).as("a live recording reads as far as written").hasSize(1);

    recording.input("show clock\r".getBytes(StandardCharsets.UTF_8));
    recording.resize(120, 40);
    recording.marker("write: alice");
    recording.output("caf\u00e9".getBytes(StandardCharsets.UTF_8));
    OpenFiles.awaitClosed(file, WAIT);
    recording.output(" second burst".getBytes(StandardCharsets.UTF_8));
    recording.close();

    assertThat(OpenFiles.isOpen(file)).isFalse();
    assertThat(recordedBytes.get()).isEqualTo(13 + 5 + 13);
    List<String> lines = Files.readAllLines(file);
    JsonNode header = JSON.readTree(lines.getFirst());
    assertThat(header.path("version").asInt()).isEqualTo(2);
    assertThat(header.path("title").asString()).isEqualTo("r1/default");
    List<JsonNode> events = events(file);
    assertThat(events)
        .extracting(event -> event.get(1).asString() + ":" + event.get(2).asString())
        .containsExactly(
            "o:first burst\r\n",
            "i:show clock\r",
            "r:120x40",
            "m:write: alice",
            "o:caf\u00e9",
            "o: second burst");
    for (int i = 1; i < events.size(); i++) {
      assertThat(events.get(i).get(0).asDouble())
          .isGreaterThanOrEqualTo(events.get(i - 1).get(0).asDouble());
    }
  }

  @Test
  void aRemovedFileStopsTheRecordingButNotTheSession() throws Exception {
    Path file = dir.resolve("recordings/gone.cast");
    AsciicastFile recording = start(file);
    recording.output("before".getBytes(StandardCharsets.UTF_8));
    OpenFiles.awaitClosed(file, WAIT);
    Files.delete(file);

    recording.output("after".getBytes(StandardCharsets.UTF_8));
    recording.output("and more".getBytes(StandardCharsets.UTF_8));
    recording.close();

    assertThat(file).as("not recreated without its header").doesNotExist();
    assertThat(recordedBytes.get()).isEqualTo(6 + 5 + 8);
  }

  @Test
  void aBurstKeepsTheFileOpenUntilTheRecordingCloses() throws Exception {
    Path file = dir.resolve("recordings/burst.cast");
    try (IdleCloser patient = new IdleCloser(Duration.ofHours(1))) {
      AsciicastFile recording =
          new AsciicastFile(file, JSON, patient, 80, 24, Instant.now(), "r1/default", b -> {});
      recording.output("burst".getBytes(StandardCharsets.UTF_8));
      assertThat(OpenFiles.isOpen(file)).isTrue();
      recording.close();
      assertThat(OpenFiles.isOpen(file)).isFalse();
    }
  }

  @Test
  void aRecordingStartedAfterTheCloserStoppedClosesItsFileAfterEveryWrite() throws Exception {
    Path file = dir.resolve("recordings/shutdown.cast");
    closer.close();
    AsciicastFile recording = start(file);
    assertThat(OpenFiles.isOpen(file)).isFalse();

    recording.output("late output".getBytes(StandardCharsets.UTF_8));
    assertThat(OpenFiles.isOpen(file)).isFalse();
    recording.close();

    assertThat(events(file))
        .extracting(event -> event.get(2).asString())
        .containsExactly("late output");
  }

  @Test
  void everyEventIsOneJsonLineWhateverTheTerminalSends() throws Exception {
    Path file = dir.resolve("recordings/escapes.cast");
    AsciicastFile recording = start(file);
    String terminal = "\u001b[1;32mok\u001b[0m \"quoted\" back\\slash\ttab\r\n\u0000\u007f";
    String wide = "\u00e9\u4e2d\ud83d\ude00\u2028";
    recording.output(terminal.getBytes(StandardCharsets.UTF_8));
    recording.output(wide.getBytes(StandardCharsets.UTF_8));
    recording.marker("note \"x\"\n");
    recording.close();

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).as("header and three events, none split").hasSize(4);
    assertThat(events(file))
        .extracting(event -> event.get(2).asString())
        .containsExactly(terminal, wide, "note \"x\"\n");
  }

  @Test
  void aCharacterSplitAcrossChunksIsRecordedWholeAndBadBytesAsReplacement() throws Exception {
    Path file = dir.resolve("recordings/split.cast");
    AsciicastFile recording = start(file);
    byte[] euro = "\u20ac".getBytes(StandardCharsets.UTF_8);
    recording.output(new byte[] {'a', euro[0]});
    recording.output(new byte[] {euro[1], euro[2], 'b'});
    recording.output(new byte[] {(byte) 0xff, 'c'});
    recording.close();

    assertThat(events(file))
        .extracting(event -> event.get(2).asString())
        .containsExactly("a", "\u20acb", "\ufffdc");
  }

  @Test
  void timesAreSecondsWithMicroseconds() {
    assertThat(AsciicastFile.seconds(0)).isEqualTo("0.000000");
    assertThat(AsciicastFile.seconds(499)).isEqualTo("0.000000");
    assertThat(AsciicastFile.seconds(500)).isEqualTo("0.000001");
    assertThat(AsciicastFile.seconds(1_250_000_000L)).isEqualTo("1.250000");
    assertThat(AsciicastFile.seconds(3_600_000_123_456L)).isEqualTo("3600.000123");
  }

  private AsciicastFile start(Path file) throws IOException {
    return new AsciicastFile(
        file, JSON, closer, 80, 24, Instant.now(), "r1/default", recordedBytes::set);
  }

  private static List<JsonNode> events(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    return lines.subList(1, lines.size()).stream().map(JSON::readTree).toList();
  }
}
