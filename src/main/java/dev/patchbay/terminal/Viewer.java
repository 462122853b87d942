package dev.patchbay.terminal;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * One attached browser (or other WebSocket client). Output waits in a bounded queue and is emitted
 * only as fast as the WebSocket asks for it; when the queue overflows its oldest chunks are dropped
 * and the viewer is told how many bytes it missed. A client that acknowledges what it processed
 * gets output only within its {@link OutputWindow}, the rest waiting in the same queue. Control
 * messages are few and small: the latest status replaces an unsent one, and at most {@value
 * #MAX_NOTICES} errors wait.
 */
final class Viewer {

  private static final int MAX_NOTICES = 16;

  /**
   * Largest binary frame: output that queued up while the socket was busy goes out joined (fewer,
   * larger frames cost less per byte on both ends).
   */
  static final int MAX_FRAME = 64 * 1024;

  private final String id;
  private final String name;
  private final ChunkQueue output;
  private final OutputWindow window;
  private final ArrayDeque<String> notices = new ArrayDeque<>();
  private final Function<Long, String> skippedNotice;
  private final AtomicInteger drains = new AtomicInteger();
  private String status;
  private boolean finished;
  private final TerminalMetrics metrics;
  private volatile FluxSink<Outbound> sink;

  Viewer(
      String id,
      String name,
      long bufferBytes,
      OutputWindow window,
      Function<Long, String> skippedNotice,
      TerminalMetrics metrics) {
    this.id = id;
    this.name = name;
    this.output = new ChunkQueue(bufferBytes);
    this.window = window;
    this.skippedNotice = skippedNotice;
    this.metrics = metrics;
  }

  String id() {
    return id;
  }

  /** The API token behind the viewer: what other viewers see and audit events name. */
  String name() {
    return name;
  }

  /** The frames for this viewer, emitted on demand. Subscribe once. */
  Flux<Outbound> frames() {
    return Flux.create(
        created -> {
          sink = created;
          created.onRequest(n -> drain());
          drain();
        });
  }

  /** Queues output; call {@link #drain()} afterwards, outside the hub's lock. */
  synchronized void queueOutput(byte[] chunk) {
    output.offer(chunk);
  }

  synchronized void queueStatus(String json) {
    status = json;
  }

  synchronized void queueNotice(String json) {
    if (notices.size() == MAX_NOTICES) {
      notices.removeFirst();
    }
    notices.addLast(json);
  }

  /**
   * The client processed {@code bytes} more output ({@code ack}); call {@link #drain()} afterwards.
   */
  synchronized void acknowledged(long bytes) {
    window.acknowledged(bytes);
  }

  /** Completes the frames once everything queued has been sent. */
  synchronized void finish() {
    finished = true;
  }

  synchronized long bufferedOutput() {
    return output.size();
  }

  /** Emits queued frames while the WebSocket has demand; safe to call from any thread. */
  void drain() {
    if (drains.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      FluxSink<Outbound> current = sink;
      if (current != null && !current.isCancelled()) {
        while (current.requestedFromDownstream() > 0) {
          Outbound next = next();
          if (next == null) {
            break;
          }
          if (next.isBinary()) {
            metrics.sent(next.bytes().length);
          }
          current.next(next);
        }
        if (isDone()) {
          current.complete();
        }
      }
      missed = drains.addAndGet(-missed);
    } while (missed != 0);
  }

  private synchronized boolean isDone() {
    return finished && status == null && notices.isEmpty() && output.isEmpty();
  }

  private synchronized Outbound next() {
    // A finished viewer's last output goes out without waiting for acknowledgements.
    boolean outputMayGo = window.isOpen() || finished;
    // While output waits, skips add up: one notice right before the output resumes.
    long skipped = outputMayGo ? output.takeSkipped() : 0;
    if (skipped > 0) {
      metrics.skipped(skipped);
      return Outbound.text(skippedNotice.apply(skipped));
    }
    if (status != null) {
      String json = status;
      status = null;
      return Outbound.text(json);
    }
    if (!notices.isEmpty()) {
      return Outbound.text(notices.removeFirst());
    }
    if (!outputMayGo) {
      return null;
    }
    byte[] chunk = output.poll(MAX_FRAME);
    if (chunk == null) {
      return null;
    }
    window.sent(chunk.length);
    return Outbound.binary(chunk);
  }
}
