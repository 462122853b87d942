package dev.patchbay.connection;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import dev.patchbay.cli.CliSession;
import dev.patchbay.cli.ConfigureRequest;
import dev.patchbay.cli.ConfigureResult;
import dev.patchbay.cli.ExecuteRequest;
import dev.patchbay.cli.ExecuteResult;
import dev.patchbay.io.CommandErrorException;
import dev.patchbay.io.ConnectionClosedException;
import dev.patchbay.io.ConnectionException;
import dev.patchbay.io.DeviceUnreachableException;
import dev.patchbay.io.OperationTimeoutException;
import dev.patchbay.io.PromptNotFoundException;
import dev.patchbay.io.Terminal;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live pipe to a device, and the only contract the connection manager knows. The template runs
 * the lifecycle {@code NEW → CONNECTING → CONNECTED → DISCONNECTED | FAILED}: open the transport
 * (driver hook), log in on the CLI when the transport does not authenticate, learn the prompt, run
 * init commands. {@link #execute} and {@link #configure} are serialised: a second caller waits at
 * most the execute timeout.
 *
 * <p>Drivers implement the protected hooks only. Their single reader hands bytes to {@link
 * #received} and reports the end of the stream with {@link #transportEnded}.
 */
public abstract class BaseConnection implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BaseConnection.class);

  /**
   * Unread output the expect engine may hold before it is skipped forward: large enough to absorb a
   * loopback burst while the engine is paused (GC, JIT), allocated only as it fills.
   */
  private static final int ENGINE_BUFFER = 16 << 20;

  /**
   * The recovery window: how long a timed-out command gets to give the prompt back after the
   * profile's interrupts before the connection is marked {@code FAILED}.
   */
  private static final Duration RESYNC = Duration.ofSeconds(5);

  private final ConnectionSettings settings;
  private final Object lifecycle = new Object();

  /**
   * One permit for the CLI: held by a call, and after a timeout handed to the recovery that runs in
   * the background, so that the next call waits for the prompt to come back.
   */
  private final Semaphore calls = new Semaphore(1, true);

  private volatile ConnectionState state = ConnectionState.NEW;
  private volatile ConnectionException failure;
  private volatile boolean closing;
  private volatile boolean transportOpen;
  private volatile Terminal terminal;
  private volatile CliSession cli;

  protected BaseConnection(ConnectionSettings settings) {
    this.settings = settings;
    this.terminal = newTerminal();
    this.terminal.end();
  }

  /**
   * Connects, logs in, learns the prompt and runs the init commands, each step bounded by the
   * connect or login timeout. Opening a connected connection does nothing; a disconnected or failed
   * one is opened again (with a new {@link #terminal()}).
   *
   * @throws ConnectionException typed by what went wrong; the state is then {@code FAILED}
   */
  public final void open() {
    synchronized (lifecycle) {
      if (state == ConnectionState.CONNECTED) {
        return;
      }
      if (state == ConnectionState.CONNECTING) {
        throw PatchbayException.conflict("connection '" + settings.name() + "' is being opened");
      }
      state = ConnectionState.CONNECTING;
      failure = null;
      closing = false;
      terminal = newTerminal();
      cli =
          new CliSession(
              terminal,
              settings.profile(),
              settings.credentials().enablePassword(),
              settings.timeouts().execute(),
              ENGINE_BUFFER);
    }
    try {
      transportOpen = true;
      openTransport();
      CliSession session = cli;
      if (loginOnCli()) {
        LoginCredentials credentials = settings.credentials();
        session.login(credentials.username(), credentials.password(), settings.timeouts().login());
      }
      session.learnPrompt(settings.timeouts().login());
      if (settings.options().enableOnConnect() && settings.credentials().enablePassword() != null) {
        session.enable(settings.timeouts().login());
      }
      runInitCommands(session);
      session.idle();
      synchronized (lifecycle) {
        if (state != ConnectionState.CONNECTING) {
          throw failure != null
              ? failure
              : new ConnectionClosedException("closed while opening", "", null);
        }
        state = ConnectionState.CONNECTED;
      }
    } catch (RuntimeException e) {
      ConnectionException cause =
          e instanceof ConnectionException typed
              ? typed
              : new DeviceUnreachableException(
                  "cannot open '" + settings.name() + "': " + e.getMessage(), e);
      fail(cause);
      throw cause;
    }
  }

  /** Closes the connection and releases its threads, sockets and buffers. Idempotent. */
  @Override
  public final void close() {
    synchronized (lifecycle) {
      closing = true;
      if (state == ConnectionState.CONNECTED || state == ConnectionState.CONNECTING) {
        state = ConnectionState.DISCONNECTED;
      }
    }
    release();
  }

  public final boolean isConnected() {
    return state == ConnectionState.CONNECTED;
  }

  public final ConnectionState state() {
    return state;
  }

  /** Why the connection is {@code FAILED} or was disconnected by the device. */
  public final Optional<ConnectionException> failure() {
    return Optional.ofNullable(failure);
  }

  /** The byte stream of the current (or last) session. */
  public final Terminal terminal() {
    return terminal;
  }

  /** The settings this connection was built from. */
  public final ConnectionSettings settings() {
    return settings;
  }

  /**
   * Runs one command, answering within its timeout. After a timeout the command is interrupted (the
   * profile's interrupts) and the prompt awaited in the background, within a recovery window, while
   * the next call waits; if the prompt does not come back the connection is {@code FAILED}.
   */
  public final ExecuteResult execute(ExecuteRequest request) {
    return serialised(session -> session.execute(request));
  }

  /** Applies configuration lines in config mode and returns to enable mode. */
  public final ConfigureResult configure(ConfigureRequest request) {
    return serialised(session -> session.configure(request));
  }

  /** Connects and authenticates the transport and starts the single reader. */
  protected abstract void openTransport();

  /**
   * Closes the transport and stops the reader; must not wait for the calling thread (the reader
   * itself may call it through {@link #transportEnded}).
   */
  protected abstract void closeTransport();

  protected abstract void writeToTransport(byte[] bytes) throws IOException;

  protected abstract void resizeTransport(int columns, int rows) throws IOException;

  protected abstract void sendBreakToTransport() throws IOException;

  /** True when the CLI asks for username and password (telnet, serial); SSH authenticates. */
  protected boolean loginOnCli() {
    return true;
  }

  /** Called by the driver's reader with bytes from the device. */
  protected final void received(byte[] data, int offset, int length) {
    terminal.publish(data, offset, length);
  }

  /** Called by the driver's reader when the stream ended; {@code error} null for a clean EOF. */
  protected final void transportEnded(Throwable error) {
    if (!closing) {
      ConnectionException cause =
          error == null
              ? new ConnectionClosedException("the device closed the connection", "", null)
              : new ConnectionClosedException("connection lost: " + error.getMessage(), "", error);
      synchronized (lifecycle) {
        if (state == ConnectionState.CONNECTED || state == ConnectionState.CONNECTING) {
          state = error == null ? ConnectionState.DISCONNECTED : ConnectionState.FAILED;
          failure = cause;
        }
      }
    }
    release();
  }

  private <T> T serialised(Function<CliSession, T> call) {
    Duration wait = settings.timeouts().execute();
    try {
      if (!calls.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new OperationTimeoutException(
            "connection '" + settings.name() + "' stayed busy for " + wait.toSeconds() + " s", "");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperationTimeoutException("interrupted while waiting for the connection", e);
    }
    boolean handedOver = false;
    try {
      CliSession session = requireConnected();
      try {
        return call.apply(session);
      } catch (OperationTimeoutException e) {
        handedOver = recoverInBackground(session);
        throw e;
      } catch (ConnectionClosedException e) {
        fail(e);
        throw e;
      } finally {
        if (!handedOver) {
          session.idle();
        }
      }
    } finally {
      if (!handedOver) {
        calls.release();
      }
    }
  }

  /**
   * Starts the recovery of a timed-out call on a virtual thread, which owns the CLI (and its
   * permit) until the prompt is back or the window passed, so that the timeout is answered at once.
   *
   * @return false when no thread could be started (the recovery then ran here)
   */
  private boolean recoverInBackground(CliSession session) {
    try {
      Thread.ofVirtual()
          .name("patchbay-recover-" + settings.name())
          .start(
              () -> {
                try {
                  recover(session);
                } finally {
                  session.idle();
                  calls.release();
                }
              });
      return true;
    } catch (RuntimeException | OutOfMemoryError e) {
      recover(session);
      return false;
    }
  }

  private CliSession requireConnected() {
    if (state != ConnectionState.CONNECTED) {
      throw new ConnectionClosedException(
          "connection '" + settings.name() + "' is " + state, "", failure);
    }
    return cli;
  }

  private void recover(CliSession session) {
    try {
      if (session.resync(RESYNC)) {
        return;
      }
      log.warn(
          "{}: no prompt within {} s after interrupting a timed-out command",
          settings.name(),
          RESYNC.toSeconds());
      fail(
          new PromptNotFoundException(
              "no prompt within " + RESYNC.toSeconds() + " s after interrupting a command", ""));
    } catch (ConnectionException e) {
      fail(e);
    }
  }

  private void runInitCommands(CliSession session) {
    for (String command : settings.initExecCommands()) {
      try {
        session.execute(ExecuteRequest.of(command));
      } catch (CommandErrorException e) {
        log.warn("{}: init command '{}' rejected: {}", settings.name(), command, e.output());
      }
    }
    if (!settings.initConfigCommands().isEmpty()) {
      try {
        session.configure(new ConfigureRequest(settings.initConfigCommands(), null));
      } catch (CommandErrorException e) {
        log.warn("{}: init configuration rejected: {}", settings.name(), e.getMessage());
      }
    }
  }

  private void fail(ConnectionException cause) {
    synchronized (lifecycle) {
      if (!closing || state == ConnectionState.CONNECTING) {
        state = ConnectionState.FAILED;
        failure = cause;
      }
    }
    release();
  }

  private void release() {
    boolean wasOpen;
    synchronized (lifecycle) {
      wasOpen = transportOpen;
      transportOpen = false;
    }
    if (wasOpen) {
      try {
        closeTransport();
      } catch (RuntimeException e) {
        log.debug("{}: closing the transport failed", settings.name(), e);
      }
    }
    terminal.end();
    CliSession session = cli;
    if (session != null) {
      session.close();
    }
  }

  private Terminal newTerminal() {
    return new Terminal(
        new Terminal.Port() {
          @Override
          public void write(byte[] bytes) throws IOException {
            writeToTransport(bytes);
          }

          @Override
          public void resize(int columns, int rows) throws IOException {
            resizeTransport(columns, rows);
          }

          @Override
          public void sendBreak() throws IOException {
            sendBreakToTransport();
          }
        });
  }

  /**
   * Starts the single reader of a stream transport on a virtual thread: hands every byte of {@code
   * input} to {@link #received} until the stream ends, then reports the end. {@code endOfStream}
   * tells a read error that only means the stream ended (a PTY's EIO once its program exited) from
   * a lost connection.
   */
  protected final Thread startReader(
      String kind, InputStream input, Predicate<IOException> endOfStream) {
    return Thread.ofVirtual()
        .name(kind + "-" + settings.name())
        .start(
            () -> {
              byte[] buffer = new byte[8192];
              Throwable error = null;
              try {
                int n;
                while ((n = input.read(buffer)) >= 0) {
                  received(buffer, 0, n);
                }
              } catch (IOException e) {
                error = endOfStream.test(e) ? null : e;
              }
              transportEnded(error);
            });
  }

  /** Waits up to a second for a driver's reader to stop, unless the reader itself is closing. */
  protected static void awaitReader(Thread reader) {
    if (reader != null && reader != Thread.currentThread()) {
      try {
        reader.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Used by drivers to turn a library failure into {@link ProblemType#DEVICE_UNREACHABLE}. */
  protected final DeviceUnreachableException unreachable(String what, Throwable cause) {
    return new DeviceUnreachableException(
        "cannot reach " + settings.name() + " (" + what + "): " + cause.getMessage(), cause);
  }
}
