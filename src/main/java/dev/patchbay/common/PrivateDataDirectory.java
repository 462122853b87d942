package dev.patchbay.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;

/**
 * Keeps {@code patchbay.data-dir} private: before any bean runs (so before the embedded database
 * creates its files) the directory is created, or set, {@code 0700}; once the application is ready,
 * every file under it (database files, master key, recordings, simulator host keys) is set {@code
 * 0600} and every directory {@code 0700}, whatever the umask that created them. Registered in
 * {@code META-INF/spring.factories}, since it must run before the context exists.
 */
public class PrivateDataDirectory implements ApplicationListener<ApplicationEvent> {

  static final String PROPERTY = "patchbay.data-dir";

  @Override
  public void onApplicationEvent(ApplicationEvent event) {
    if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
      String dir = prepared.getEnvironment().getProperty(PROPERTY);
      if (dir != null) {
        try {
          PrivateFiles.restrict(PrivateFiles.createDirectories(Path.of(dir)));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot create the data directory " + dir, e);
        }
      }
    } else if (event instanceof ApplicationReadyEvent ready) {
      String dir = ready.getApplicationContext().getEnvironment().getProperty(PROPERTY);
      if (dir != null) {
        PrivateFiles.restrictTree(Path.of(dir));
      }
    }
  }
}
