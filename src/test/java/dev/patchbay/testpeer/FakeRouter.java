package dev.patchbay.testpeer;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A tiny IOS-like CLI served over a byte stream, for driver tests until the simulator lands:
 * optional login, a banner that looks like a prompt, exec/enable/config states, paging with
 * backspace erasure, reload and copy dialogs, error messages, a hanging command (Ctrl-C returns),
 * huge output and a command that drops the connection. Strips telnet IAC sequences.
 */
public final class FakeRouter {

  private final InputStream in;
  private final OutputStream out;
  private final boolean login;
  private String mode = ">";

  public FakeRouter(InputStream in, OutputStream out, boolean login) {
    this.in = in;
    this.out = out;
    this.login = login;
  }

  /** Serves until the peer disconnects or a {@code disconnect} command. */
  public void serve() throws IOException {
    send("\r\n*** Authorised access only. r1# is monitored ***\r\n");
    if (login) {
      while (true) {
        send("Username: ");
        String user = readLine(true);
        send("Password: ");
        String password = readLine(false);
        if ("admin".equals(user) && "secret".equals(password)) {
          break;
        }
        send("\r\n% Login invalid\r\n\r\n");
      }
    }
    send("\r\nr1 uptime is 1 day\r\n");
    prompt();
    String line;
    while ((line = readLine(true)) != null) {
      if (!handle(line.trim())) {
        return;
      }
      prompt();
    }
  }

  private boolean handle(String command) throws IOException {
    switch (command) {
      case "", "terminal length 0", "terminal width 0" -> {}
      case "enable" -> {
        send("Password: ");
        mode = "secret2".equals(readLine(false)) ? "#" : mode;
        if (!"#".equals(mode)) {
          send("% Access denied\r\n");
        }
      }
      case "disable" -> mode = ">";
      case "configure terminal" -> {
        requireEnable();
        mode = "(config)#";
        send("Enter configuration commands, one per line.  End with CNTL/Z.\r\n");
      }
      case "end" -> mode = "#";
      case "exit" -> mode = mode.startsWith("(config-") ? "(config)#" : "#";
      case "show version" ->
          send("Cisco IOS XE Software, Version 17.9.1\r\nr1 uptime is 1 day\r\n");
      case "show paged" -> paged();
      case "reload" -> {
        send("Proceed with reload? [confirm]");
        send(readLine(false).isEmpty() ? "\r\nReload scheduled\r\n" : "\r\n");
      }
      case "copy running-config startup-config" -> {
        send("Destination filename [startup-config]? ");
        readLine(true);
        send("Building configuration...\r\n[OK]\r\n");
      }
      case "hang" -> waitForInterrupt();
      case "disconnect" -> {
        send("partial output\r\n");
        return false;
      }
      default -> other(command);
    }
    return true;
  }

  private void other(String command) throws IOException {
    if (command.startsWith("show huge ")) {
      huge(Integer.parseInt(command.substring(10)));
    } else if (command.startsWith("interface ") && mode.startsWith("(config")) {
      mode = "(config-if)#";
    } else if (mode.startsWith("(config") && !command.startsWith("bad")) {
      // accepted configuration line
    } else {
      send("                 ^\r\n% Invalid input detected at '^' marker.\r\n\r\n");
    }
  }

  private void requireEnable() {
    if (!"#".equals(mode)) {
      throw new IllegalStateException("configure terminal from " + mode);
    }
  }

  private void paged() throws IOException {
    for (int page = 1; page <= 3; page++) {
      for (int i = 1; i <= 3; i++) {
        send("line " + page + "." + i + "\r\n");
      }
      if (page < 3) {
        send(" --More-- ");
        int key = in.read();
        while (key == '\n' || key == 0) {
          key = in.read();
        }
        if (key != ' ') {
          return;
        }
        send("\b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\b");
      }
    }
  }

  private void huge(int bytes) throws IOException {
    byte[] line =
        "0123456789abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ\r\n"
            .getBytes(UTF_8);
    for (int sent = 0; sent < bytes; sent += line.length) {
      out.write(line);
    }
    out.flush();
  }

  private void waitForInterrupt() throws IOException {
    int c;
    while ((c = in.read()) >= 0 && c != 3) {
      // ignore everything but Ctrl-C
    }
    send("^C\r\n");
  }

  private void prompt() throws IOException {
    send("\r\nr1" + mode);
  }

  private void send(String text) throws IOException {
    out.write(text.getBytes(UTF_8));
    out.flush();
  }

  /** Reads one line (CR, LF, CRLF or CR NUL), echoing it when {@code echo}; null at EOF. */
  private String readLine(boolean echo) throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      int c = in.read();
      if (c < 0) {
        return line.isEmpty() ? null : line.toString();
      }
      if (c == 255) {
        skipTelnetCommand();
        continue;
      }
      if (c == '\n' || c == 0) {
        continue;
      }
      if (c == '\r') {
        if (echo) {
          send("\r\n");
        }
        return line.toString();
      }
      if (c == 3) {
        continue;
      }
      line.append((char) c);
      if (echo) {
        out.write(c);
        out.flush();
      }
    }
  }

  private void skipTelnetCommand() throws IOException {
    int command = in.read();
    if (command >= 251 && command <= 254) {
      in.read();
    } else if (command == 250) {
      int previous = 0;
      int c;
      while ((c = in.read()) >= 0 && !(previous == 255 && c == 240)) {
        previous = c;
      }
    }
  }
}
