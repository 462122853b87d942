package dev.patchbay.connection.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import dev.patchbay.connection.BaseConnection;
import dev.patchbay.connection.ConnectionSettings;
import dev.patchbay.connection.ConnectionSettings.SerialSettings;
import dev.patchbay.io.DeviceUnreachableException;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

/**
 * Serial console driver (jSerialComm): line parameters from the definition's serial line, break by
 * holding the line low, and one virtual thread polling the port without blocking (a blocking native
 * read would pin the virtual thread's carrier).
 */
public final class SerialConnection extends BaseConnection {

  private static final Duration IDLE_POLL = Duration.ofMillis(10);
  private static final Duration BREAK_LENGTH = Duration.ofMillis(300);

  private volatile SerialPort port;
  private volatile Thread reader;
  private volatile boolean running;

  public SerialConnection(ConnectionSettings settings) {
    super(settings);
  }

  @Override
  protected void openTransport() {
    SerialSettings line = settings().serial();
    SerialPort opened;
    try {
      opened = SerialPort.getCommPort(line.device());
    } catch (SerialPortInvalidPortException e) {
      throw new DeviceUnreachableException("no serial port '" + line.device() + "'", e);
    }
    opened.setComPortParameters(
        line.baudRate(), line.dataBits(), stopBits(line.stopBits()), parity(line.parity()));
    opened.setFlowControl(flowControl(line.flow()));
    opened.setComPortTimeouts(SerialPort.TIMEOUT_NONBLOCKING, 0, 0);
    if (!opened.openPort()) {
      throw new DeviceUnreachableException(
          "cannot open serial port '"
              + line.device()
              + "' (error "
              + opened.getLastErrorCode()
              + "; missing, busy or no permission)",
          null);
    }
    port = opened;
    running = true;
    reader = Thread.ofVirtual().name("serial-" + settings().name()).start(() -> read(opened));
  }

  private void read(SerialPort serial) {
    byte[] buffer = new byte[4096];
    Throwable error = null;
    try {
      while (running) {
        int n = serial.readBytes(buffer, buffer.length);
        if (n < 0) {
          error =
              new IOException("serial port read failed (error " + serial.getLastErrorCode() + ")");
          break;
        }
        if (n > 0) {
          received(buffer, 0, n);
        } else {
          Thread.sleep(IDLE_POLL);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    transportEnded(running ? error : null);
  }

  @Override
  protected void closeTransport() {
    running = false;
    awaitReader(reader);
    SerialPort serial = port;
    if (serial != null) {
      serial.closePort();
    }
  }

  @Override
  protected void writeToTransport(byte[] bytes) throws IOException {
    int written = 0;
    while (written < bytes.length) {
      int n = port.writeBytes(bytes, bytes.length - written, written);
      if (n < 0) {
        throw new IOException("serial port write failed (error " + port.getLastErrorCode() + ")");
      }
      written += n;
    }
  }

  /** A serial line has no window size; the resize is ignored. */
  @Override
  protected void resizeTransport(int columns, int rows) {}

  @Override
  protected void sendBreakToTransport() throws IOException {
    if (!port.setBreak()) {
      throw new IOException("the serial port refused the break signal");
    }
    try {
      Thread.sleep(BREAK_LENGTH);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      port.clearBreak();
    }
  }

  private static int parity(String parity) {
    return switch (parity == null ? "none" : parity.toLowerCase(Locale.ROOT)) {
      case "none" -> SerialPort.NO_PARITY;
      case "even" -> SerialPort.EVEN_PARITY;
      case "odd" -> SerialPort.ODD_PARITY;
      case "mark" -> SerialPort.MARK_PARITY;
      case "space" -> SerialPort.SPACE_PARITY;
      default -> throw new IllegalArgumentException("unknown parity '" + parity + "'");
    };
  }

  private static int stopBits(String stopBits) {
    return switch (stopBits == null ? "1" : stopBits.trim()) {
      case "1" -> SerialPort.ONE_STOP_BIT;
      case "1.5" -> SerialPort.ONE_POINT_FIVE_STOP_BITS;
      case "2" -> SerialPort.TWO_STOP_BITS;
      default -> throw new IllegalArgumentException("unknown stop bits '" + stopBits + "'");
    };
  }

  private static int flowControl(String flow) {
    return switch (flow == null ? "none" : flow.toLowerCase(Locale.ROOT)) {
      case "none" -> SerialPort.FLOW_CONTROL_DISABLED;
      case "rtscts" -> SerialPort.FLOW_CONTROL_RTS_ENABLED | SerialPort.FLOW_CONTROL_CTS_ENABLED;
      case "xonxoff" ->
          SerialPort.FLOW_CONTROL_XONXOFF_IN_ENABLED | SerialPort.FLOW_CONTROL_XONXOFF_OUT_ENABLED;
      default -> throw new IllegalArgumentException("unknown flow control '" + flow + "'");
    };
  }
}
