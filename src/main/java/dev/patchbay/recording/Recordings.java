package dev.patchbay.recording;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import dev.patchbay.cluster.InstanceIdentity;
import dev.patchbay.inventory.ScopedDevices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts, lists, finds and expires session recordings. Files live in {@code
 * <patchbay.data-dir>/recordings}, metadata in the {@code recording} table. A live recording's file
 * is open only while output flows (closed after a second without). Every method blocks.
 */
@Service
public class Recordings implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(Recordings.class);
  private static final int WIDTH = 80;
  private static final int HEIGHT = 24;
  private static final Duration IDLE = Duration.ofSeconds(1);

  /** How long the row writer gathers rows for one transaction (as the audit log's events). */
  private static final Duration ROW_LINGER = Duration.ofMillis(50);

  /** How long a reader waits for the rows queued before it. */
  private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(10);

  private final RecordingRepository repository;
  private final RecordingProperties properties;
  private final JsonMapper json;
  private final Path directory;
  private final IdleCloser closer = new IdleCloser(IDLE);
  private final InstanceIdentity instance;
  private final RecordingRows rows;

  Recordings(
      RecordingRepository repository,
      RecordingProperties properties,
      JsonMapper json,
      @Value("${patchbay.data-dir}") Path dataDir,
      InstanceIdentity instance,
      DataSource dataSource) {
    this.instance = instance;
    this.rows = new RecordingRows(dataSource, ROW_LINGER);
    this.repository = repository;
    this.properties = properties;
    this.json = json;
    this.directory = dataDir.resolve("recordings");
  }

  /**
   * Starts the recording of one connection of a session (80x24 until the first resize), titled
   * {@code title}; it records once it {@link TerminalRecorder#follow follows} a terminal. {@code
   * openedBy} says who opened the session. Its row is written by the {@link RecordingRows} writer,
   * not on the caller's path.
   */
  public TerminalRecorder start(String device, String alias, String openedBy, String title) {
    Instant start = Instant.now();
    String fileName =
        DateTimeFormatter.ISO_INSTANT.format(start).replace(':', '-')
            + "-"
            + UUID.randomUUID().toString().substring(0, 8)
            + ".cast";
    RecordingRows.Row row =
        new RecordingRows.Row(device, alias, openedBy, start, fileName, instance.id());
    TerminalRecorder recorder;
    try {
      recorder =
          new TerminalRecorder(
              new RedactingRecording(
                  new AsciicastFile(
                      directory.resolve(fileName),
                      json,
                      closer,
                      WIDTH,
                      HEIGHT,
                      start,
                      title,
                      bytes -> rows.finish(row, Instant.now(), bytes))),
              title);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start recording " + fileName, e);
    }
    rows.insert(row);
    return recorder;
  }

  /** Newest first; only recordings of the devices of {@code testbeds} (null: all). */
  Page<Recording> list(
      String device,
      String alias,
      Instant from,
      Instant to,
      Set<String> testbeds,
      int page,
      int size) {
    flushRows();
    Specification<Recording> filter = visibleTo(testbeds);
    if (device != null) {
      filter = filter.and((root, query, cb) -> cb.equal(root.get("device"), device));
    }
    if (alias != null) {
      filter = filter.and((root, query, cb) -> cb.equal(root.get("alias"), alias));
    }
    if (from != null) {
      filter =
          filter.and((root, query, cb) -> cb.greaterThanOrEqualTo(root.get("startedAt"), from));
    }
    if (to != null) {
      filter = filter.and((root, query, cb) -> cb.lessThan(root.get("startedAt"), to));
    }
    return repository.findAll(
        filter,
        PageRequest.of(page, size, Sort.by(Sort.Order.desc("startedAt"), Sort.Order.desc("id"))));
  }

  /**
   * The file of recording {@code id}; a recording of a device outside {@code testbeds} (null: all)
   * is answered as absent.
   */
  Path file(long id, Set<String> testbeds) {
    flushRows();
    Specification<Recording> byId = (root, query, cb) -> cb.equal(root.get("id"), id);
    Recording recording =
        repository
            .findOne(byId.and(visibleTo(testbeds)))
            .orElseThrow(
                () -> new PatchbayException(ProblemType.NOT_FOUND, "no recording with id " + id));
    Path file = directory.resolve(recording.getFileName());
    if (!Files.isReadable(file)) {
      throw new PatchbayException(
          ProblemType.NOT_FOUND, "the file of recording " + id + " is gone");
    }
    return file;
  }

  private static Specification<Recording> visibleTo(Set<String> testbeds) {
    return testbeds == null
        ? (root, query, cb) -> cb.conjunction()
        : (root, query, cb) -> ScopedDevices.inTestbeds(query, cb, root.get("device"), testbeds);
  }

  /**
   * Finishes the recordings instance {@code instanceId} left open when it ended without a clean
   * stop (null: those recorded before instances were stamped). The end is the moment of the file's
   * last event and the size the output it holds when the file is readable here (a restarted
   * instance, a shared volume), else the instance's last heartbeat. Returns those recordings.
   */
  public List<Recording> finishLeftBy(String instanceId, Instant lastSeen) {
    List<Recording> unfinished =
        instanceId == null
            ? repository.findByInstanceIdIsNullAndEndedAtIsNull()
            : repository.findByInstanceIdAndEndedAtIsNull(instanceId);
    for (Recording recording : unfinished) {
      Path file = directory.resolve(recording.getFileName());
      if (Files.isReadable(file)) {
        AsciicastSummary summary = AsciicastSummary.of(file, json);
        recording.finish(recording.getStartedAt().plus(summary.lastEvent()), summary.outputBytes());
      } else {
        Instant end =
            lastSeen.isAfter(recording.getStartedAt()) ? lastSeen : recording.getStartedAt();
        recording.finish(end, recording.getBytes());
      }
      repository.save(recording);
    }
    return unfinished;
  }

  /** Whether instance {@code instanceId} recorded a session {@code alias} of {@code device}. */
  public boolean recordedBy(String device, String alias, String instanceId) {
    return repository.existsByDeviceAndAliasAndInstanceId(device, alias, instanceId);
  }

  /** The instance holding recording {@code id}'s file; empty when unknown or not stamped. */
  public Optional<String> holder(long id) {
    return repository.findById(id).map(Recording::getInstanceId);
  }

  /** Deletes recordings (files and rows) started before the retention period. */
  public int sweep() {
    flushRows();
    List<Recording> expired =
        repository.findByStartedAtBefore(Instant.now().minus(properties.retention()));
    for (Recording recording : expired) {
      try {
        Files.deleteIfExists(directory.resolve(recording.getFileName()));
      } catch (IOException e) {
        log.warn("cannot delete recording file {}: {}", recording.getFileName(), e.getMessage());
        continue;
      }
      repository.delete(recording);
    }
    return expired.size();
  }

  /** Closes the files of ended recordings and writes the rows still queued. */
  @Override
  public void destroy() {
    closer.close();
    rows.close();
  }

  /** Waits for the rows this instance queued, so that a read finds every recording started here. */
  private void flushRows() {
    if (!rows.flush(FLUSH_TIMEOUT)) {
      log.warn("recording rows were not written within {} s", FLUSH_TIMEOUT.toSeconds());
    }
  }
}
