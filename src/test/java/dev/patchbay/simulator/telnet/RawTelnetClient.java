package dev.patchbay.simulator.telnet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A bare TCP client that shows every byte a Telnet server sends, IAC sequences included. */
final class RawTelnetClient implements AutoCloseable {

  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final StringBuilder received = new StringBuilder();
  private int mark;

  RawTelnetClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(100);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** Sends bytes given as ints (0-255) or as text. */
  void send(int... bytes) throws IOException {
    byte[] raw = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      raw[i] = (byte) bytes[i];
    }
    out.write(raw);
    out.flush();
  }

  void send(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /**
   * Reads until the bytes after the previous match contain {@code needle} (ISO-8859-1, one char per
   * byte); returns them up to and including it.
   */
  String await(String needle) throws IOException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      int found = received.indexOf(needle, mark);
      if (found >= 0) {
        String text = received.substring(mark, found + needle.length());
        mark = found + needle.length();
        return text;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "Timed out waiting for "
                + printable(needle)
                + ", received "
                + printable(received.substring(mark)));
      }
      readSome();
    }
  }

  /** Everything that arrives within {@code quiet}. */
  String drain(Duration quiet) throws IOException {
    long deadline = System.nanoTime() + quiet.toNanos();
    while (System.nanoTime() < deadline) {
      readSome();
    }
    String text = received.substring(mark);
    mark = received.length();
    return text;
  }

  /** Whether the server closed the connection within the timeout. */
  boolean closedByServer() throws IOException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        int b = in.read();
        if (b < 0) {
          return true;
        }
        received.append((char) b);
      } catch (SocketTimeoutException e) {
        // keep waiting
      }
    }
    return false;
  }

  private void readSome() throws IOException {
    byte[] buffer = new byte[8192];
    try {
      int n = in.read(buffer);
      if (n < 0) {
        throw new AssertionError(
            "Server closed the connection; received " + printable(received.substring(mark)));
      }
      received.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
    } catch (SocketTimeoutException e) {
      // nothing yet
    }
  }

  static String printable(String text) {
    StringBuilder shown = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c >= 0x20 && c < 0x7f) {
        shown.append(c);
      } else {
        shown.append(String.format("<%d>", (int) c));
      }
    }
    return shown.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
