package dev.patchbay.recording;

import dev.patchbay.io.Terminal;
import dev.patchbay.security.masking.PasswordPrompt;
import java.time.Duration;
import java.util.Arrays;

/**
 * Records one connection's byte stream as a {@link Terminal} subscriber of its own, so that every
 * session is recorded whether or not anyone watches it (pool members too). What is echoed while the
 * device asks for a secret is left out, and so is input typed there: before judging input the
 * recorder catches up with the output already sent, so the prompt a viewer answered is never
 * missed. Follows the connection to its next terminal after a reconnect; the recording ends with
 * {@link #close()}.
 */
public final class TerminalRecorder {

  private static final int CHUNK = 8 * 1024;

  /** Output the recorder may fall behind by before it is skipped forward (as the hub's pump). */
  private static final int BUFFER = 1 << 20;

  /** The pump waits for output this long at a time; {@link #close} wakes it by unsubscribing. */
  private static final Duration UNTIL_OUTPUT = Duration.ofHours(1);

  private final SessionRecording recording;
  private final String name;
  private final PasswordPrompt prompt = new PasswordPrompt();
  private final byte[] buffer = new byte[CHUNK];
  private Terminal.Subscription subscription;
  private boolean closed;

  TerminalRecorder(SessionRecording recording, String name) {
    this.recording = recording;
    this.name = name;
  }

  /** Records {@code terminal} from now on, instead of the connection's previous one. */
  public void follow(Terminal terminal) {
    Terminal.Subscription followed;
    synchronized (this) {
      if (closed) {
        return;
      }
      if (subscription != null) {
        catchUp(subscription); // what the old terminal said last, even if the pump has not run yet
        subscription.close();
      }
      followed = terminal.subscribe(BUFFER);
      subscription = followed;
    }
    Thread.ofVirtual().name("recorder-" + name).start(() -> pump(followed));
  }

  /** What a viewer typed; left out while the device waits for a secret. */
  public synchronized void input(byte[] bytes) {
    if (closed) {
      return;
    }
    catchUp(subscription);
    if (!prompt.isShown()) {
      recording.input(bytes);
    }
  }

  /**
   * A marker at a write-control handoff, naming who writes from now on; the output so far is
   * recorded before it.
   */
  public synchronized void marker(String label) {
    if (!closed) {
      catchUp(subscription);
      recording.marker(label);
    }
  }

  /** A window change a viewer made. */
  public synchronized void resize(int columns, int rows) {
    if (!closed) {
      recording.resize(columns, rows);
    }
  }

  /** Stops reading and finishes the recording. Idempotent. */
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (subscription != null) {
        catchUp(subscription);
        subscription.close();
      }
    }
    recording.close();
  }

  private void pump(Terminal.Subscription followed) {
    while (followed.awaitReadable(UNTIL_OUTPUT)) {
      synchronized (this) {
        if (closed || followed != subscription || !catchUp(followed)) {
          return;
        }
      }
    }
  }

  /**
   * Records the output {@code followed} holds now, without waiting. Guarded by this.
   *
   * @return false once that stream has ended
   */
  private boolean catchUp(Terminal.Subscription followed) {
    if (followed == null) {
      return true;
    }
    int n;
    while ((n = followed.read(buffer, Duration.ZERO)) > 0) {
      byte[] kept = prompt.seen(Arrays.copyOf(buffer, n));
      if (kept.length > 0) {
        recording.output(kept);
      }
    }
    return n == 0;
  }
}
