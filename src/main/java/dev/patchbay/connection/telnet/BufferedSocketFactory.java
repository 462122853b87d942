package dev.patchbay.connection.telnet;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Sockets for Commons Net's telnet client whose input stream answers {@code available()} from its
 * own buffer, without a system call. Without a reader thread, Commons Net asks {@code available()}
 * after every byte it decodes: on a plain socket stream that is one {@code ioctl} per byte, which
 * made 10 MB of output take tens of seconds.
 */
final class BufferedSocketFactory extends SocketFactory {

  private static final int BUFFER = 64 * 1024;

  @Override
  public Socket createSocket() {
    return new BufferedSocket();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return connected(
        new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return connected(
        new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
  }

  /** A new socket bound to {@code local} (when given) and connected to {@code remote}. */
  private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
    Socket socket = createSocket();
    if (local != null) {
      socket.bind(local);
    }
    socket.connect(remote);
    return socket;
  }

  /** A socket whose input stream is buffered and reports only what it has buffered. */
  private static final class BufferedSocket extends Socket {

    private InputStream input;

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      if (input == null) {
        input =
            new BufferedInputStream(super.getInputStream(), BUFFER) {
              @Override
              public synchronized int available() {
                return count - pos;
              }
            };
      }
      return input;
    }
  }
}
