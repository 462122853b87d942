package dev.patchbay.security.secrets;

import dev.patchbay.common.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default's key files in the data directory: {@code master.key} (the current key,
 * generated on first use) and {@code master.key.previous} (rotated-out keys, one base64 key per
 * line, decrypt-only). Both are owner-only.
 */
final class MasterKeyFiles {

  private static final Logger log = LoggerFactory.getLogger(MasterKeyFiles.class);

  private final Path current;
  private final Path previous;

  MasterKeyFiles(Path dataDir) {
    this.current = dataDir.resolve("master.key");
    this.previous = dataDir.resolve("master.key.previous");
  }

  /** The current key, generated into {@code master.key} if there is none yet. */
  MasterKey current() {
    try {
      if (Files.exists(current)) {
        return MasterKeys.decode(read(current), current.toString());
      }
      byte[] key = generate();
      log.info("Generated a new master key in {}; set PATCHBAY_MASTER_KEY in production", current);
      return MasterKey.of(key);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the master key file " + current, e);
    }
  }

  /** The rotated-out keys, oldest first; none when the file does not exist. */
  List<MasterKey> previous() {
    try {
      return Files.exists(previous)
          ? MasterKeys.decodeAll(read(previous), previous.toString())
          : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + previous, e);
    }
  }

  /** Moves the current key to the end of {@code master.key.previous} and generates a new one. */
  void rotate() {
    try {
      if (Files.exists(current)) {
        String old = read(current);
        PrivateFiles.write(
            previous,
            (old + System.lineSeparator()).getBytes(StandardCharsets.US_ASCII),
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
        Files.delete(current);
      }
      generate();
      log.info("Generated a new master key in {}; the previous one moved to {}", current, previous);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rotate the master key file " + current, e);
    }
  }

  /** Deletes the rotated-out keys once nothing is sealed under them any more. */
  void dropPrevious() {
    try {
      if (Files.deleteIfExists(previous)) {
        log.info("Deleted the rotated-out master keys in {}", previous);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + previous, e);
    }
  }

  private byte[] generate() throws IOException {
    PrivateFiles.createDirectories(current.toAbsolutePath().getParent());
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    PrivateFiles.write(
        current, Base64.getEncoder().encodeToString(key).getBytes(StandardCharsets.US_ASCII));
    return key;
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.US_ASCII).trim();
  }
}
