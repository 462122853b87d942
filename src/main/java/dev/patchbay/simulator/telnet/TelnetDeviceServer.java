package dev.patchbay.simulator.telnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A simulated device's Telnet endpoint on 127.0.0.1: a non-blocking listener on the shared {@link
 * TelnetReactor}; every connection gets option negotiation, a login dialog and the device CLI.
 */
public final class TelnetDeviceServer implements TelnetReactor.Handler, AutoCloseable {

  private final TelnetReactor reactor;
  private final TelnetDeviceConfig config;
  private final ScheduledExecutorService scheduler;
  private final ServerSocketChannel listener;
  private final Set<TelnetConnection> connections = ConcurrentHashMap.newKeySet();

  private TelnetDeviceServer(
      TelnetReactor reactor,
      TelnetDeviceConfig config,
      ScheduledExecutorService scheduler,
      ServerSocketChannel listener) {
    this.reactor = reactor;
    this.config = config;
    this.scheduler = scheduler;
    this.listener = listener;
  }

  /** Binds the port and starts accepting on {@code reactor}. */
  public static TelnetDeviceServer start(
      TelnetReactor reactor, TelnetDeviceConfig config, ScheduledExecutorService scheduler) {
    try {
      ServerSocketChannel listener = ServerSocketChannel.open();
      listener.bind(new InetSocketAddress("127.0.0.1", config.port()), 1024);
      listener.configureBlocking(false);
      TelnetDeviceServer server = new TelnetDeviceServer(reactor, config, scheduler, listener);
      server.onReactor(() -> reactor.register(listener, SelectionKey.OP_ACCEPT, server));
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot start simulated Telnet device on port " + config.port(), e);
    }
  }

  /** The port actually listened on. */
  public int port() {
    return listener.socket().getLocalPort();
  }

  @Override
  public void ready(SelectionKey key) throws IOException {
    SocketChannel client;
    while ((client = listener.accept()) != null) {
      TelnetConnection[] holder = new TelnetConnection[1];
      TelnetConnection connection =
          new TelnetConnection(
              reactor, client, config, scheduler, () -> connections.remove(holder[0]));
      holder[0] = connection;
      connections.add(connection);
      connection.open();
    }
  }

  @Override
  public void closed() {
    try {
      listener.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  /** Stops listening and drops every connection. */
  @Override
  public void close() {
    onReactor(
        () -> {
          closed();
          connections.forEach(TelnetConnection::closed);
          return null;
        });
  }

  private <T> void onReactor(IoTask<T> task) {
    CompletableFuture<T> done = new CompletableFuture<>();
    reactor.execute(
        () -> {
          try {
            done.complete(task.run());
          } catch (IOException | RuntimeException e) {
            done.completeExceptionally(e);
          }
        });
    try {
      done.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Telnet reactor task failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Telnet reactor did not answer", e);
    }
  }

  /** Work for the reactor thread. */
  private interface IoTask<T> {
    T run() throws IOException;
  }
}
