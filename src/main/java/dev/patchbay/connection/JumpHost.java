package dev.patchbay.connection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One jump host of an OpenSSH {@code ProxyJump} list: {@code [user@]host[:port]} or {@code
 * ssh://[user@]host[:port]}; {@code user} and {@code port} are null when not written. Patchbay
 * reaches it as an inventory device (see the inventory's proxy hops), since the hop's credentials
 * and pinned host key live there.
 */
public record JumpHost(String user, String host, Integer port) {

  /**
   * The jump hosts of a {@code ProxyJump} value, first hop first; {@code none} is the empty list.
   *
   * @throws IllegalArgumentException naming the malformed entry
   */
  public static List<JumpHost> parseList(String value) {
    String text = value.trim();
    if (text.equalsIgnoreCase("none")) {
      return List.of();
    }
    List<JumpHost> hosts = new ArrayList<>();
    for (String entry : text.split(",", -1)) {
      hosts.add(parse(entry.trim()));
    }
    return List.copyOf(hosts);
  }

  private static JumpHost parse(String entry) {
    String rest = entry.toLowerCase(Locale.ROOT).startsWith("ssh://") ? entry.substring(6) : entry;
    int at = rest.lastIndexOf('@');
    String user = at < 0 ? null : rest.substring(0, at);
    rest = rest.substring(at + 1);
    String host = rest;
    String port = null;
    if (rest.startsWith("[")) {
      int close = rest.indexOf(']');
      if (close < 0 || (close + 1 < rest.length() && rest.charAt(close + 1) != ':')) {
        throw malformed(entry);
      }
      host = rest.substring(1, close);
      port = close + 1 < rest.length() ? rest.substring(close + 2) : null;
    } else if (rest.indexOf(':') >= 0 && rest.indexOf(':') == rest.lastIndexOf(':')) {
      host = rest.substring(0, rest.indexOf(':'));
      port = rest.substring(rest.indexOf(':') + 1);
    }
    if (host.isEmpty()
        || (user != null && user.isEmpty())
        || host.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/' || c < 0x20)) {
      throw malformed(entry);
    }
    return new JumpHost(user, host, port == null ? null : port(entry, port));
  }

  private static int port(String entry, String port) {
    try {
      int n = Integer.parseInt(port);
      if (n >= 1 && n <= 65_535) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new IllegalArgumentException("has jump host '" + entry + "' with a bad port");
  }

  private static IllegalArgumentException malformed(String entry) {
    return new IllegalArgumentException(
        entry.isEmpty()
            ? "has an empty jump host"
            : "has a malformed jump host '" + entry + "' (expected [user@]host[:port])");
  }

  @Override
  public String toString() {
    String name = host.contains(":") ? "[" + host + "]" : host;
    return (user == null ? "" : user + "@") + name + (port == null ? "" : ":" + port);
  }
}
