package dev.patchbay.simulator.cli;

import java.util.concurrent.CompletableFuture;

/** The connection a {@link CliSession} writes to (an SSH channel, a Telnet socket). */
public interface SessionTransport {

  /**
   * Queues {@code bytes} for sending, in call order. The future completes once the transport has
   * accepted them (flow control), and fails when the connection is gone.
   */
  CompletableFuture<Void> write(byte[] bytes);

  /** Drops the connection after the queued output. */
  void disconnect();
}
