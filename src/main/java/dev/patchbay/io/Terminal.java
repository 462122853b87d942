package dev.patchbay.io;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The byte stream of one live connection. The driver's single reader {@link #publish publishes}
 * what the device sends; every {@link Subscription} (expect engine, web viewers, recorder) gets its
 * own copy in a bounded ring buffer.
 *
 * <p>Back-pressure policy: the reader never waits. A subscriber's ring starts small and grows up to
 * its capacity; when it is full, its oldest bytes are overwritten (the subscriber is skipped
 * forward) and the number of skipped bytes is reported by {@link Subscription#takeSkipped()}. A
 * slow subscriber therefore loses old output but never stalls the device, the reader or other
 * subscribers, and memory stays at the sum of the subscription capacities whatever the device
 * sends.
 *
 * <p>The terminal also keeps the last {@value #RECENT} bytes it published, so that a reader that
 * subscribes after the connection was opened (a web terminal) can start from the current screen,
 * the prompt the expect engine has already read ({@link #subscribeWithRecent}).
 *
 * <p>Writes ({@link #write}, {@link #resize}, {@link #sendBreak}) are serialised and go straight to
 * the driver.
 */
public final class Terminal {

  /** What a terminal needs from its driver. */
  public interface Port {
    void write(byte[] bytes) throws IOException;

    void resize(int columns, int rows) throws IOException;

    void sendBreak() throws IOException;
  }

  /** Output kept for {@link #subscribeWithRecent}: the last lines of a screen. */
  static final int RECENT = 4 * 1024;

  private final Port port;
  private final byte[] recent = new byte[RECENT];
  private int recentEnd;
  private int recentSize;
  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
  private final ReentrantLock writeLock = new ReentrantLock();
  private volatile boolean ended;

  public Terminal(Port port) {
    this.port = port;
  }

  /** Subscribes to the output from now on, keeping at most {@code capacityBytes} unread bytes. */
  public Subscription subscribe(int capacityBytes) {
    Subscription subscription = new Subscription(capacityBytes);
    subscriptions.add(subscription);
    if (ended) {
      subscription.end();
    }
    return subscription;
  }

  /**
   * Subscribes like {@link #subscribe}, the subscription starting with the last output published
   * (at most {@value #RECENT} bytes), with nothing lost or repeated in between.
   */
  public Subscription subscribeWithRecent(int capacityBytes) {
    Subscription subscription = new Subscription(capacityBytes);
    synchronized (recent) {
      int start = (recentEnd - recentSize + RECENT) % RECENT;
      int first = Math.min(recentSize, RECENT - start);
      if (first > 0) {
        subscription.offer(recent, start, first);
      }
      if (recentSize > first) {
        subscription.offer(recent, 0, recentSize - first);
      }
      subscriptions.add(subscription);
    }
    if (ended) {
      subscription.end();
    }
    return subscription;
  }

  /** Sends bytes to the device. */
  public void write(byte[] bytes) {
    perform(() -> port.write(bytes), "write");
  }

  /** Tells the device the new window size. */
  public void resize(int columns, int rows) {
    if (columns <= 0 || rows <= 0) {
      throw new IllegalArgumentException("window size must be positive: " + columns + "x" + rows);
    }
    perform(() -> port.resize(columns, rows), "resize");
  }

  /** Sends a break (serial line break, telnet BREAK, SSH break request). */
  public void sendBreak() {
    perform(port::sendBreak, "break");
  }

  /** True once the stream has ended (closed by either side). */
  public boolean isEnded() {
    return ended;
  }

  /** Number of live subscriptions. */
  public int subscriberCount() {
    return subscriptions.size();
  }

  public void publish(byte[] data, int offset, int length) {
    if (length <= 0) {
      return;
    }
    synchronized (recent) {
      keepRecent(data, offset, length);
      for (Subscription subscription : subscriptions) {
        subscription.offer(data, offset, length);
      }
    }
  }

  private void keepRecent(byte[] data, int offset, int length) {
    int skip = Math.max(0, length - RECENT);
    for (int i = offset + skip; i < offset + length; ) {
      int n = Math.min(offset + length - i, RECENT - recentEnd);
      System.arraycopy(data, i, recent, recentEnd, n);
      recentEnd = (recentEnd + n) % RECENT;
      i += n;
    }
    recentSize = Math.min(RECENT, recentSize + length);
  }

  public void end() {
    ended = true;
    subscriptions.forEach(Subscription::end);
  }

  private void perform(IoAction action, String what) {
    if (ended) {
      throw new ConnectionClosedException(
          "cannot " + what + ": the connection is closed", "", null);
    }
    writeLock.lock();
    try {
      action.run();
    } catch (IOException e) {
      throw new ConnectionClosedException(what + " failed: " + e.getMessage(), "", e);
    } finally {
      writeLock.unlock();
    }
  }

  private interface IoAction {
    void run() throws IOException;
  }

  /**
   * One subscriber's view of the output: a ring buffer read by one consumer. Reading blocks (with a
   * timeout) until bytes arrive or the stream ends.
   */
  public final class Subscription implements AutoCloseable {

    /** Ring size of a new (or cleared) subscription: idle sessions hold only this much. */
    private static final int INITIAL = 4 * 1024;

    private final int capacity;
    private byte[] ring;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readable = lock.newCondition();
    private int head;
    private int size;
    private long skipped;
    private boolean finished;

    private Subscription(int capacity) {
      if (capacity <= 0) {
        throw new IllegalArgumentException("capacity must be positive");
      }
      this.capacity = capacity;
      this.ring = new byte[Math.min(capacity, INITIAL)];
    }

    /**
     * Reads up to {@code into.length} bytes, waiting at most {@code timeout}.
     *
     * @return the number of bytes read, 0 on timeout, -1 when the stream has ended and is drained
     */
    public int read(byte[] into, Duration timeout) {
      lock.lock();
      try {
        long nanos = timeout.toNanos();
        while (size == 0 && !finished && nanos > 0) {
          nanos = readable.awaitNanos(nanos);
        }
        if (size == 0) {
          return finished ? -1 : 0;
        }
        int n = Math.min(into.length, size);
        int first = Math.min(n, ring.length - head);
        System.arraycopy(ring, head, into, 0, first);
        System.arraycopy(ring, 0, into, first, n - first);
        head = (head + n) % ring.length;
        size -= n;
        return n;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ConnectionClosedException("interrupted while reading", "", e);
      } finally {
        lock.unlock();
      }
    }

    /**
     * Waits at most {@code timeout} until a {@link #read} would not block: bytes are buffered or
     * the stream has ended. Lets a subscriber wait outside its own lock and read inside it, so that
     * another thread may catch up with the output under that lock without taking bytes out of
     * order.
     *
     * @return true when a read would not block
     */
    public boolean awaitReadable(Duration timeout) {
      lock.lock();
      try {
        long nanos = timeout.toNanos();
        while (size == 0 && !finished && nanos > 0) {
          nanos = readable.awaitNanos(nanos);
        }
        return size > 0 || finished;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ConnectionClosedException("interrupted while waiting for output", "", e);
      } finally {
        lock.unlock();
      }
    }

    /** Bytes skipped because this subscriber fell behind, since the previous call. */
    public long takeSkipped() {
      lock.lock();
      try {
        long value = skipped;
        skipped = 0;
        return value;
      } finally {
        lock.unlock();
      }
    }

    /** Discards everything buffered (not counted as skipped) and shrinks a grown ring back. */
    public void clear() {
      lock.lock();
      try {
        if (ring.length > INITIAL) {
          ring = new byte[Math.min(capacity, INITIAL)];
        }
        head = 0;
        size = 0;
        skipped = 0;
      } finally {
        lock.unlock();
      }
    }

    /** Unread bytes held. Never more than {@link #capacity()}. */
    public int buffered() {
      lock.lock();
      try {
        return size;
      } finally {
        lock.unlock();
      }
    }

    public int capacity() {
      return capacity;
    }

    /** Unsubscribes; a blocked {@link #read} returns -1. */
    @Override
    public void close() {
      subscriptions.remove(this);
      end();
    }

    private void offer(byte[] data, int offset, int length) {
      lock.lock();
      try {
        if (finished) {
          return;
        }
        if (length > capacity) {
          skipped += length - capacity;
          offset += length - capacity;
          length = capacity;
        }
        grow(size + length);
        int overflow = size + length - ring.length;
        if (overflow > 0) {
          head = (head + overflow) % ring.length;
          size -= overflow;
          skipped += overflow;
        }
        int tail = (head + size) % ring.length;
        int first = Math.min(length, ring.length - tail);
        System.arraycopy(data, offset, ring, tail, first);
        System.arraycopy(data, offset + first, ring, 0, length - first);
        size += length;
        readable.signalAll();
      } finally {
        lock.unlock();
      }
    }

    /** Grows the ring (doubling, up to the capacity) so that {@code needed} bytes fit. */
    private void grow(int needed) {
      if (needed <= ring.length || ring.length == capacity) {
        return;
      }
      int length = ring.length;
      while (length < needed && length < capacity) {
        length = (int) Math.min((long) length * 2, capacity);
      }
      byte[] larger = new byte[length];
      int first = Math.min(size, ring.length - head);
      System.arraycopy(ring, head, larger, 0, first);
      System.arraycopy(ring, 0, larger, first, size - first);
      ring = larger;
      head = 0;
    }

    private void end() {
      lock.lock();
      try {
        finished = true;
        readable.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }
}
