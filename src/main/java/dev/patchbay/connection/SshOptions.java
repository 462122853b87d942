package dev.patchbay.connection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A connection's {@code ssh_options} (pyATS: OpenSSH command-line options) typed: the algorithm
 * lists (resolved against {@link SshAlgorithms}), and the options that override the definition
 * ({@code Port}, {@code User}, {@code ConnectTimeout}, {@code ServerAliveInterval}, {@code
 * ServerAliveCountMax}, {@code StrictHostKeyChecking}, {@code ProxyJump}), null when not given
 * ({@code ProxyJump none} is the empty list). {@link #parse} reads {@code -oKey=Value}, {@code -o
 * Key=Value}, {@code -o Key Value} and {@code -o "Key = Value"}, keys in any case; as in OpenSSH
 * the first value of an option wins.
 */
public record SshOptions(
    Map<SshAlgorithms.Kind, List<String>> algorithms,
    Integer port,
    String user,
    Duration connectTimeout,
    Duration serverAliveInterval,
    Integer serverAliveCountMax,
    HostKeyPolicy strictHostKeyChecking,
    List<JumpHost> proxyJump) {

  /** No option given: the default algorithms and the definition's own settings. */
  public static final SshOptions NONE =
      new SshOptions(Map.of(), null, null, null, null, null, null, null);

  /** The options Patchbay applies, by their OpenSSH spelling, in the order {@link #parse} lists. */
  public static final List<String> APPLIED =
      List.of(
          "KexAlgorithms",
          "HostKeyAlgorithms",
          "Ciphers",
          "MACs",
          "PubkeyAcceptedAlgorithms",
          "Port",
          "User",
          "ConnectTimeout",
          "ServerAliveInterval",
          "ServerAliveCountMax",
          "StrictHostKeyChecking",
          "ProxyJump");

  /**
   * An option Patchbay cannot read ({@code unsupported} false: a bad value) or does not apply
   * ({@code unsupported} true), and why; {@code option} is its key as written.
   */
  public record Problem(String option, String message, boolean unsupported) {

    @Override
    public String toString() {
      return message;
    }
  }

  /**
   * What {@link #parse} understood, and what it refused (each problem names its option); {@code
   * written} holds each option Patchbay applies, by its {@link #APPLIED} spelling, with its value
   * as written (the first one).
   */
  public record Parsed(SshOptions options, List<Problem> problems, Map<String, String> written) {

    public Parsed {
      problems = List.copyOf(problems);
      written = Collections.unmodifiableMap(new LinkedHashMap<>(written));
    }
  }

  public SshOptions {
    algorithms = Map.copyOf(algorithms);
    proxyJump = proxyJump == null ? null : List.copyOf(proxyJump);
  }

  /**
   * {@code values} (OpenSSH spelling → value) written as {@code -oKey=Value} options, quoted where
   * a value holds white space; {@code null} when there are none.
   */
  public static String render(Map<String, String> values) {
    StringBuilder text = new StringBuilder();
    values.forEach(
        (key, value) -> {
          if (!text.isEmpty()) {
            text.append(' ');
          }
          String option = key + "=" + value;
          text.append(
              value.chars().anyMatch(Character::isWhitespace)
                  ? "-o \"" + option + "\""
                  : "-o" + option);
        });
    return text.isEmpty() ? null : text.toString();
  }

  /** The algorithms to offer for {@code kind}: the connection's list or the defaults. */
  public List<String> algorithms(SshAlgorithms.Kind kind) {
    return algorithms.getOrDefault(kind, SshAlgorithms.defaults(kind));
  }

  /** Parses {@code text} (null or blank: {@link #NONE}); never throws. */
  public static Parsed parse(String text) {
    Parser parser = new Parser(text == null ? "" : text);
    parser.run();
    return new Parsed(parser.options(), parser.problems, parser.written);
  }

  private static final class Parser {

    private final String text;
    private int at;
    private final List<Problem> problems = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final Map<String, String> written = new LinkedHashMap<>();
    private final Map<SshAlgorithms.Kind, List<String>> algorithms =
        new EnumMap<>(SshAlgorithms.Kind.class);
    private Integer port;
    private String user;
    private Duration connectTimeout;
    private Duration serverAliveInterval;
    private Integer serverAliveCountMax;
    private HostKeyPolicy strictHostKeyChecking;
    private List<JumpHost> proxyJump;

    Parser(String text) {
      this.text = text;
    }

    SshOptions options() {
      return new SshOptions(
          algorithms,
          port,
          user,
          connectTimeout,
          serverAliveInterval,
          serverAliveCountMax,
          strictHostKeyChecking,
          proxyJump);
    }

    void run() {
      while (skipSpace()) {
        String flag = word(false);
        if (flag.equals("-o")) {
          if (!skipSpace()) {
            problems.add(new Problem("-o", "ssh option -o has no Key=Value after it", false));
            return;
          }
          option();
        } else if (flag.startsWith("-o") && flag.length() > 2) {
          at -= flag.length() - 2;
          option();
        } else {
          problems.add(
              new Problem(
                  flag,
                  "ssh option "
                      + flag
                      + " is not supported: Patchbay reads only -o Key=Value options",
                  true));
        }
      }
    }

    /** {@code Key=Value}, {@code Key Value}, {@code Key = Value}, or one quoted word of these. */
    private void option() {
      if (peek() == '"' || peek() == '\'') {
        String quoted = word(true);
        Parser inner = new Parser(quoted);
        inner.skipSpace();
        String key = inner.key();
        inner.skipEquals();
        apply(key, inner.text.substring(inner.at).trim());
        return;
      }
      String key = key();
      skipEquals();
      String value = at < text.length() ? word(true) : "";
      apply(key, value);
    }

    private String key() {
      int start = at;
      while (at < text.length() && !Character.isWhitespace(peek()) && peek() != '=') {
        at++;
      }
      return text.substring(start, at);
    }

    private void skipEquals() {
      skipSpace();
      if (at < text.length() && peek() == '=') {
        at++;
        skipSpace();
      }
    }

    /** The next word; with {@code quotes}, a quoted word loses its quotes. */
    private String word(boolean quotes) {
      if (quotes && (peek() == '"' || peek() == '\'')) {
        char quote = text.charAt(at++);
        int end = text.indexOf(quote, at);
        String word = text.substring(at, end < 0 ? text.length() : end);
        at = end < 0 ? text.length() : end + 1;
        return word;
      }
      int start = at;
      while (at < text.length() && !Character.isWhitespace(peek())) {
        at++;
      }
      return text.substring(start, at);
    }

    private char peek() {
      return at < text.length() ? text.charAt(at) : '\0';
    }

    /** Skips white space; false at the end. */
    private boolean skipSpace() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
      return at < text.length();
    }

    private void apply(String key, String value) {
      String name = key.toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        problems.add(new Problem("-o", "ssh option -o has no Key=Value after it", false));
        return;
      }
      if (value.isEmpty()) {
        problems.add(new Problem(key, "ssh option " + key + " has no value", false));
        return;
      }
      if (name.equals("pubkeyacceptedkeytypes")) {
        name = "pubkeyacceptedalgorithms";
      }
      if (!seen.add(name)) {
        return; // OpenSSH: the first value of an option wins
      }
      try {
        switch (name) {
          case "kexalgorithms" -> algorithms(SshAlgorithms.Kind.KEX, value);
          case "hostkeyalgorithms" -> algorithms(SshAlgorithms.Kind.HOST_KEY, value);
          case "ciphers" -> algorithms(SshAlgorithms.Kind.CIPHER, value);
          case "macs" -> algorithms(SshAlgorithms.Kind.MAC, value);
          case "pubkeyacceptedalgorithms" -> algorithms(SshAlgorithms.Kind.PUBKEY, value);
          case "port" -> port = number(value, 1, 65_535);
          case "user" -> user = value;
          case "connecttimeout" -> connectTimeout = Duration.ofSeconds(number(value, 1, 86_400));
          case "serveraliveinterval" ->
              serverAliveInterval = Duration.ofSeconds(number(value, 0, 86_400));
          case "serveralivecountmax" -> serverAliveCountMax = number(value, 0, 1_000);
          case "stricthostkeychecking" -> strictHostKeyChecking = hostKeyPolicy(value);
          case "proxyjump" -> proxyJump = JumpHost.parseList(value);
          default -> {
            seen.remove(name);
            problems.add(
                new Problem(key, "ssh option " + key + " is not one that Patchbay applies", true));
            return;
          }
        }
        written.put(spelling(name), value);
      } catch (IllegalArgumentException e) {
        problems.add(
            new Problem(key, "ssh option " + key + "=" + value + " " + e.getMessage(), false));
      }
    }

    private static String spelling(String name) {
      return APPLIED.stream().filter(k -> k.equalsIgnoreCase(name)).findFirst().orElseThrow();
    }

    private void algorithms(SshAlgorithms.Kind kind, String value) {
      algorithms.put(kind, SshAlgorithms.resolve(kind, value));
    }

    private static int number(String value, int min, int max) {
      try {
        int n = Integer.parseInt(value.trim());
        if (n >= min && n <= max) {
          return n;
        }
      } catch (NumberFormatException e) {
        // refused below
      }
      throw new IllegalArgumentException("must be a whole number from " + min + " to " + max);
    }

    /** yes: strict; accept-new (and ask, which nobody can answer here): tofu; no/off: insecure. */
    private static HostKeyPolicy hostKeyPolicy(String value) {
      return switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "yes" -> HostKeyPolicy.STRICT;
        case "accept-new", "ask" -> HostKeyPolicy.TOFU;
        case "no", "off" -> HostKeyPolicy.INSECURE;
        default -> throw new IllegalArgumentException("must be yes, accept-new, ask, no or off");
      };
    }
  }
}
