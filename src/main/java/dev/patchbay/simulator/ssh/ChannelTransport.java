package dev.patchbay.simulator.ssh;

import dev.patchbay.simulator.cli.SessionTransport;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import org.apache.sshd.common.io.IoOutputStream;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * Writes CLI output to an SSH channel's asynchronous stream, one packet at a time (the stream
 * allows a single pending write), never blocking the caller.
 */
final class ChannelTransport implements SessionTransport {

  private final IoOutputStream out;
  private final Session session;
  private final Deque<Outgoing> queue = new ArrayDeque<>();
  private CompletableFuture<Void> lastWrite = CompletableFuture.completedFuture(null);
  private boolean writing;
  private boolean disconnectRequested;
  private boolean closed;

  ChannelTransport(IoOutputStream out, Session session) {
    this.out = out;
    this.session = session;
  }

  @Override
  public CompletableFuture<Void> write(byte[] bytes) {
    Outgoing outgoing = new Outgoing(bytes, new CompletableFuture<>());
    boolean start;
    synchronized (this) {
      if (closed) {
        return CompletableFuture.failedFuture(new IOException("SSH channel closed"));
      }
      queue.add(outgoing);
      lastWrite = outgoing.done();
      start = !writing;
      writing = true;
    }
    if (start) {
      drain();
    }
    return outgoing.done();
  }

  /** Completes once everything written so far has been sent. */
  synchronized CompletableFuture<Void> flushed() {
    return lastWrite;
  }

  @Override
  public void disconnect() {
    boolean now;
    synchronized (this) {
      disconnectRequested = true;
      now = !writing;
    }
    if (now) {
      closeSession();
    }
  }

  private void drain() {
    Outgoing next;
    boolean close = false;
    synchronized (this) {
      next = queue.poll();
      if (next == null) {
        writing = false;
        close = disconnectRequested;
      }
    }
    if (next == null) {
      if (close) {
        closeSession();
      }
      return;
    }
    try {
      out.writeBuffer(new ByteArrayBuffer(next.bytes()))
          .addListener(
              future -> {
                if (future.isWritten()) {
                  next.done().complete(null);
                  drain();
                } else {
                  fail(next, future.getException());
                }
              });
    } catch (IOException | RuntimeException e) {
      fail(next, e);
    }
  }

  private void fail(Outgoing failed, Throwable cause) {
    Throwable reason = cause == null ? new IOException("SSH write failed") : cause;
    failed.done().completeExceptionally(reason);
    synchronized (this) {
      closed = true;
      queue.forEach(outgoing -> outgoing.done().completeExceptionally(reason));
      queue.clear();
    }
  }

  private void closeSession() {
    synchronized (this) {
      closed = true;
    }
    session.close(true);
  }

  private record Outgoing(byte[] bytes, CompletableFuture<Void> done) {}
}
