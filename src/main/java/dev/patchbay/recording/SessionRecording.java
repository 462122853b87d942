package dev.patchbay.recording;

/**
 * The recording of one connection's stream, as {@link TerminalRecorder} feeds it. Calls block on
 * file I/O; they are serialised internally. Failures are logged, never thrown: a full disk must not
 * break a terminal.
 */
interface SessionRecording {

  /** What the device sent ({@code "o"} events). */
  void output(byte[] bytes);

  /** What a viewer typed ({@code "i"} events); callers leave out secrets. */
  void input(byte[] bytes);

  /** A window change ({@code "r"} events, {@code "COLSxROWS"}). */
  void resize(int columns, int rows);

  /** A marker ({@code "m"} events): who writes from now on, at a write-control handoff. */
  void marker(String label);

  /** Ends the recording and stores its end time and size. Idempotent. */
  void close();
}
