package dev.patchbay.bench;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WebSocket terminal viewer that counts the output it receives and the output the server
 * reports as skipped. A fast viewer takes every frame as it comes; a slow one asks for one frame
 * at a time, each after a pause. An acknowledging viewer tells the server every {@value
 * #ACK_EVERY} bytes it has counted ({@code ack}, as the web page does for rendered bytes).
 */
final class TerminalViewer implements WebSocket.Listener {

  private static final Pattern SKIPPED = Pattern.compile("\"skippedBytes\"\\s*:\\s*(\\d+)");
  private static final ScheduledExecutorService PACER =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());

  static final int ACK_EVERY = 32 * 1024;

  private final long pauseMicros;
  private final boolean acknowledging;
  private long unacknowledged;
  private CompletableFuture<WebSocket> sending;
  private final StringBuilder text = new StringBuilder();
  private final CountDownLatch attached = new CountDownLatch(1);
  private volatile CountDownLatch writable = new CountDownLatch(1);
  private volatile CountDownLatch done = new CountDownLatch(1);
  private volatile long target = Long.MAX_VALUE;
  private volatile long delivered;
  private volatile long skipped;
  private volatile long doneAt;
  private WebSocket socket;

  /**
   * A viewer that pauses {@code pauseMicros} before asking for each next frame (0: none) and
   * acknowledges what it counted if {@code acknowledging}.
   */
  TerminalViewer(long pauseMicros, boolean acknowledging) {
    this.pauseMicros = pauseMicros;
    this.acknowledging = acknowledging;
  }

  void awaitAttached() throws InterruptedException {
    if (!attached.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("no status frame after attaching");
    }
  }

  /** Takes write control (call before {@link #type}). */
  void takeWrite() throws InterruptedException {
    writable = new CountDownLatch(1);
    send(ws -> ws.sendText("{\"type\": \"request-write\"}", true)).join();
    if (!writable.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("write control not granted");
    }
  }

  /** Types {@code line} followed by a carriage return and gives write control back. */
  void type(String line) {
    send(ws -> ws.sendBinary(ByteBuffer.wrap((line + "\r").getBytes()), true));
    send(ws -> ws.sendText("{\"type\": \"release-write\"}", true)).join();
  }

  /** One message after the other: the JDK client refuses a send while one is under way. */
  private synchronized CompletableFuture<WebSocket> send(
      java.util.function.Function<WebSocket, CompletableFuture<WebSocket>> message) {
    sending =
        sending == null ? message.apply(socket) : sending.thenCompose(ws -> message.apply(ws));
    return sending;
  }

  /** Zeroes the counters; {@link #awaitBytes} then waits for {@code bytes} more. */
  void expect(long bytes) {
    delivered = 0;
    skipped = 0;
    done = new CountDownLatch(1);
    target = bytes;
  }

  /** Waits until the expected bytes were delivered or skipped; returns when (nanoTime). */
  long awaitBytes() throws InterruptedException {
    if (!done.await(180, TimeUnit.SECONDS)) {
      throw new IllegalStateException(
          "viewer got " + delivered + " + " + skipped + " skipped of " + target + " bytes");
    }
    return doneAt;
  }

  long delivered() {
    return delivered;
  }

  long skipped() {
    return skipped;
  }

  void close() {
    send(ws -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "done")).join();
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    socket = webSocket;
    webSocket.request(pauseMicros == 0 ? Long.MAX_VALUE : 1);
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    int bytes = data.remaining();
    delivered += bytes;
    checkDone();
    if (acknowledging) {
      unacknowledged += bytes;
      if (unacknowledged >= ACK_EVERY) {
        long acked = unacknowledged;
        unacknowledged = 0;
        send(ws -> ws.sendText("{\"type\": \"ack\", \"bytes\": " + acked + "}", true));
      }
    }
    requestNext(webSocket);
    return null;
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    text.append(data);
    if (last) {
      String message = text.toString();
      text.setLength(0);
      if (message.contains("\"status\"")) {
        attached.countDown();
        if (message.matches("(?s).*\"writable\"\\s*:\\s*true.*")) {
          writable.countDown();
        }
      }
      Matcher skip = SKIPPED.matcher(message);
      if (skip.find()) {
        skipped += Long.parseLong(skip.group(1));
        checkDone();
      }
    }
    requestNext(webSocket);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    return CompletableFuture.completedFuture(null);
  }

  private void checkDone() {
    if (delivered + skipped >= target && done.getCount() > 0) {
      doneAt = System.nanoTime();
      done.countDown();
    }
  }

  private void requestNext(WebSocket webSocket) {
    if (pauseMicros > 0) {
      PACER.schedule(() -> webSocket.request(1), pauseMicros, TimeUnit.MICROSECONDS);
    }
  }
}
