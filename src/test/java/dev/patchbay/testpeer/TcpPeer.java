package dev.patchbay.testpeer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Serves a {@link FakeRouter} to every connection on a loopback port (telnet tests). */
public final class TcpPeer implements AutoCloseable {

  private final ServerSocket server;
  private final Thread acceptor;

  public TcpPeer(boolean login) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor =
        Thread.ofPlatform()
            .name("tcp-peer")
            .daemon()
            .start(
                () -> {
                  while (!server.isClosed()) {
                    try {
                      Socket socket = server.accept();
                      socket.setTcpNoDelay(true);
                      Thread.ofPlatform().daemon().start(() -> serve(socket, login));
                    } catch (IOException e) {
                      return;
                    }
                  }
                });
  }

  public int port() {
    return server.getLocalPort();
  }

  private static void serve(Socket socket, boolean login) {
    try (socket) {
      new FakeRouter(socket.getInputStream(), socket.getOutputStream(), login).serve();
    } catch (IOException | RuntimeException e) {
      // peer gone
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    try {
      acceptor.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
