package dev.patchbay.simulator.telnet;

import dev.patchbay.simulator.cli.CliSession;
import dev.patchbay.simulator.cli.SessionTransport;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;

/** One Telnet client: socket I/O on the reactor thread, CLI behind a {@link TelnetCodec}. */
final class TelnetConnection
    implements TelnetReactor.Handler, SessionTransport, TelnetCodec.Listener {

  private final TelnetReactor reactor;
  private final SocketChannel channel;
  private final Runnable onClose;
  private final TelnetCodec codec = new TelnetCodec(this);
  private final Queue<Outgoing> output = new ConcurrentLinkedQueue<>();
  private final ByteBuffer input = ByteBuffer.allocate(8192);
  private final CliSession session;
  private SelectionKey key;
  private volatile boolean closeWhenFlushed;
  private volatile boolean closed;

  TelnetConnection(
      TelnetReactor reactor,
      SocketChannel channel,
      TelnetDeviceConfig config,
      ScheduledExecutorService scheduler,
      Runnable onClose) {
    this.reactor = reactor;
    this.channel = channel;
    this.onClose = onClose;
    this.session = new CliSession(config.profile(), config.identity(), this, scheduler);
  }

  /** Registers with the reactor and starts the dialog; call on the reactor thread. */
  void open() throws IOException {
    channel.configureBlocking(false);
    // Echoed keystrokes are tiny writes: without this each waits on Nagle plus delayed ACK.
    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    key = reactor.register(channel, SelectionKey.OP_READ, this);
    send(TelnetCodec.openingNegotiation());
    session.setEcho(false);
    session.startShell(true);
  }

  @Override
  public void ready(SelectionKey selected) throws IOException {
    if (selected.isWritable()) {
      flush();
    }
    if (selected.isValid() && selected.isReadable()) {
      input.clear();
      int read = channel.read(input);
      if (read < 0) {
        closed();
        return;
      }
      codec.decode(input.array(), read);
    }
  }

  @Override
  public CompletableFuture<Void> write(byte[] bytes) {
    return enqueue(TelnetCodec.escape(bytes));
  }

  @Override
  public void disconnect() {
    closeWhenFlushed = true;
    reactor.execute(this::flush);
  }

  @Override
  public void send(byte[] protocolBytes) {
    enqueue(protocolBytes);
  }

  private CompletableFuture<Void> enqueue(byte[] bytes) {
    if (closed) {
      return CompletableFuture.failedFuture(new IOException("Telnet connection closed"));
    }
    Outgoing outgoing = new Outgoing(ByteBuffer.wrap(bytes), new CompletableFuture<>());
    output.add(outgoing);
    reactor.execute(this::flush);
    return outgoing.done();
  }

  private void flush() {
    if (closed) {
      return;
    }
    try {
      Outgoing head;
      while ((head = output.peek()) != null) {
        channel.write(head.buffer());
        if (head.buffer().hasRemaining()) {
          key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
          return;
        }
        output.poll();
        head.done().complete(null);
      }
      key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
      if (closeWhenFlushed) {
        closed();
      }
    } catch (IOException e) {
      closed();
    }
  }

  @Override
  public void closed() {
    if (closed) {
      return;
    }
    closed = true;
    session.close();
    if (key != null) {
      key.cancel();
    }
    try {
      channel.close();
    } catch (IOException e) {
      // already gone
    }
    IOException gone = new IOException("Telnet connection closed");
    Outgoing pending;
    while ((pending = output.poll()) != null) {
      pending.done().completeExceptionally(gone);
    }
    onClose.run();
  }

  @Override
  public void data(byte[] bytes, int offset, int length) {
    session.receive(bytes, offset, length);
  }

  @Override
  public void echoChanged(boolean serverEchoes) {
    session.setEcho(serverEchoes);
  }

  @Override
  public void windowSize(int columns, int rows) {
    session.resize(columns, rows);
  }

  @Override
  public void terminalType(String type) {
    session.setTerminalType(type);
  }

  @Override
  public void interrupt() {
    session.interrupt();
  }

  private record Outgoing(ByteBuffer buffer, CompletableFuture<Void> done) {}
}
