package dev.patchbay.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.PatchbayApplication;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 20: the data directory a started service leaves behind is private. It is made world-open
 * first (0755 directory, 0644 recording, as a umask of 022 creates them), then the service starts
 * on it with its embedded file database and a generated master key.
 */
class PrivateDataDirectoryTest {

  private final Path dataDir =
      Path.of("target/test-data/private-" + UUID.randomUUID()).toAbsolutePath();

  @Test
  void everyFileTheServiceKeepsIsOwnerOnly() throws IOException {
    Files.createDirectories(dataDir.resolve("recordings"));
    Path oldRecording = Files.writeString(dataDir.resolve("recordings/old.cast"), "{}\n");
    Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(oldRecording, PosixFilePermissions.fromString("rw-r--r--"));

    try (ConfigurableApplicationContext context = start()) {
      Map<Path, String> modes = modes();
      assertThat(modes)
          .containsKeys(
              dataDir.resolve("patchbay.mv.db"), dataDir.resolve("master.key"), oldRecording);
      assertThat(modes)
          .allSatisfy(
              (path, mode) ->
                  assertThat(mode)
                      .as("%s", path)
                      .isEqualTo(Files.isDirectory(path) ? "rwx------" : "rw-------"));
    }
  }

  @Test
  void aNewFileIsOwnerOnlyFromItsCreation() throws IOException {
    Path dir = PrivateFiles.createDirectories(dataDir.resolve("a/b"));
    Path file = dir.resolve("new.cast");
    try (OutputStream out = PrivateFiles.newOutputStream(file)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      out.write(1);
    }
    for (Path created : List.of(dataDir, dataDir.resolve("a"), dir)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(created)))
          .as("%s", created)
          .isEqualTo("rwx------");
    }
  }

  private Map<Path, String> modes() throws IOException {
    try (Stream<Path> paths = Files.walk(dataDir)) {
      return paths.collect(
          Collectors.toMap(
              p -> p,
              p -> {
                try {
                  return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              }));
    }
  }

  private ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(PatchbayApplication.class)
        .run(
            "--server.port=0",
            "--patchbay.data-dir=" + dataDir,
            "--patchbay.simulator.enabled=false");
  }
}
