package dev.patchbay.simulator.telnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One selector thread serving every Telnet listener and connection of a lab. Other threads hand it
 * work through {@link #execute}.
 */
public final class TelnetReactor implements AutoCloseable {

  /** Reacts to readiness of a registered channel. */
  interface Handler {
    void ready(SelectionKey key) throws IOException;

    /** The channel failed or the reactor is closing. */
    void closed();
  }

  private final Selector selector;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final Thread thread;
  private volatile boolean running = true;

  public TelnetReactor(String threadName) {
    try {
      selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    thread = Thread.ofPlatform().name(threadName).daemon().start(this::run);
  }

  /** Runs {@code task} on the reactor thread. */
  void execute(Runnable task) {
    tasks.add(task);
    selector.wakeup();
  }

  /** Registers {@code channel}; call on the reactor thread. */
  SelectionKey register(SelectableChannel channel, int ops, Handler handler) throws IOException {
    return channel.register(selector, ops, handler);
  }

  private void run() {
    while (running) {
      try {
        selector.select();
      } catch (IOException e) {
        break;
      }
      Runnable task;
      while ((task = tasks.poll()) != null) {
        task.run();
      }
      var selected = selector.selectedKeys().iterator();
      while (selected.hasNext()) {
        SelectionKey key = selected.next();
        selected.remove();
        Handler handler = (Handler) key.attachment();
        try {
          if (key.isValid()) {
            handler.ready(key);
          }
        } catch (IOException | RuntimeException e) {
          key.cancel();
          handler.closed();
        }
      }
    }
    for (SelectionKey key : selector.keys()) {
      ((Handler) key.attachment()).closed();
    }
    try {
      selector.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Closes every channel and stops the thread. */
  @Override
  public void close() {
    running = false;
    selector.wakeup();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
