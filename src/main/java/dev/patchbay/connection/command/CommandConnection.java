package dev.patchbay.connection.command;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import com.pty4j.WinSize;
import dev.patchbay.connection.BaseConnection;
import dev.patchbay.connection.ConnectionSettings;
import dev.patchbay.io.DeviceUnreachableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A local program as the device (pyATS {@code command:}, e.g. Unicon's mock device, {@code virsh
 * console}, {@code screen /dev/ttyS0}): the program runs under a pseudo-terminal on this host
 * (pty4j), {@code TERM=xterm} with the settings' size, and its terminal is streamed like any other
 * transport, read by one virtual thread. Whether a program may run at all is decided above this
 * driver (an allow-list); here it is only started, and killed on close.
 */
public final class CommandConnection extends BaseConnection {

  private final List<String> command;
  private volatile PtyProcess process;
  private volatile OutputStream output;
  private volatile Thread reader;

  /** {@code command}: the executable and its arguments, not interpreted by a shell. */
  public CommandConnection(ConnectionSettings settings, List<String> command) {
    super(settings);
    if (command.isEmpty()) {
      throw new IllegalArgumentException("no command");
    }
    this.command = List.copyOf(command);
  }

  @Override
  protected void openTransport() {
    ConnectionSettings settings = settings();
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.put("TERM", "xterm");
    PtyProcess started;
    try {
      started =
          new PtyProcessBuilder(command.toArray(String[]::new))
              .setEnvironment(environment)
              .setInitialColumns(settings.columns())
              .setInitialRows(settings.rows())
              .setRedirectErrorStream(true)
              .start();
    } catch (IOException | RuntimeException e) {
      throw new DeviceUnreachableException(
          "cannot start '"
              + command.getFirst()
              + "' for "
              + settings.name()
              + ": "
              + e.getMessage(),
          e);
    }
    process = started;
    output = started.getOutputStream();
    InputStream input = started.getInputStream();
    // the PTY reports EIO once the program has exited: an end of stream, not an error
    reader = startReader("command", input, e -> !started.isAlive());
  }

  @Override
  protected void closeTransport() {
    PtyProcess running = process;
    if (running != null) {
      running.destroy();
      try {
        if (!running.waitFor(2, TimeUnit.SECONDS)) {
          running.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    awaitReader(reader);
  }

  @Override
  protected void writeToTransport(byte[] bytes) throws IOException {
    output.write(bytes);
    output.flush();
  }

  @Override
  protected void resizeTransport(int columns, int rows) {
    process.setWinSize(new WinSize(columns, rows));
  }

  /** A PTY has no break; Ctrl-C and other keys reach the program as typed. */
  @Override
  protected void sendBreakToTransport() {}
}
