package dev.patchbay.connection;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The SSH algorithms Patchbay offers, by OpenSSH name: per {@link Kind}, the defaults (what a
 * current OpenSSH client offers, less what the SSH library lacks; ciphers in another order) and the
 * legacy algorithms that are available but off unless a connection asks for them in {@code
 * ssh_options} ({@code -oKexAlgorithms=+diffie-hellman-group14-sha1}). {@link #resolve} applies an
 * OpenSSH list value with its {@code +}, {@code -} or {@code ^} modifier and {@code *}/{@code ?}
 * wildcards.
 */
public final class SshAlgorithms {

  /** One negotiated algorithm list, named as its OpenSSH option. */
  public enum Kind {
    KEX("KexAlgorithms", "kex"),
    HOST_KEY("HostKeyAlgorithms", "host key"),
    CIPHER("Ciphers", "cipher"),
    MAC("MACs", "MAC"),
    PUBKEY("PubkeyAcceptedAlgorithms", "public key");

    private final String option;
    private final String label;

    Kind(String option, String label) {
      this.option = option;
      this.label = label;
    }

    /** The OpenSSH option that sets this list, e.g. {@code KexAlgorithms}. */
    public String option() {
      return option;
    }

    /** A short name for messages, e.g. {@code kex}. */
    public String label() {
      return label;
    }
  }

  private static final Map<Kind, List<String>> DEFAULTS =
      Map.of(
          Kind.KEX,
          List.of(
              "mlkem768x25519-sha256",
              "sntrup761x25519-sha512",
              "sntrup761x25519-sha512@openssh.com",
              "curve25519-sha256",
              "curve25519-sha256@libssh.org",
              "ecdh-sha2-nistp256",
              "ecdh-sha2-nistp384",
              "ecdh-sha2-nistp521",
              "diffie-hellman-group-exchange-sha256",
              "diffie-hellman-group16-sha512",
              "diffie-hellman-group18-sha512",
              "diffie-hellman-group14-sha256"),
          Kind.HOST_KEY,
          List.of(
              "ssh-ed25519",
              "ecdsa-sha2-nistp256",
              "ecdsa-sha2-nistp384",
              "ecdsa-sha2-nistp521",
              "sk-ssh-ed25519@openssh.com",
              "sk-ecdsa-sha2-nistp256@openssh.com",
              "rsa-sha2-512",
              "rsa-sha2-256"),
          Kind.CIPHER,
          // AES-GCM first, unlike OpenSSH (ADR 0027): the JDK runs it on the CPU's AES and
          // carry-less multiply instructions, while the SSH library's ChaCha20-Poly1305 is plain
          // Java, a sixth of the service's CPU while a terminal streamed.
          List.of(
              "aes128-gcm@openssh.com",
              "aes256-gcm@openssh.com",
              "chacha20-poly1305@openssh.com",
              "aes128-ctr",
              "aes192-ctr",
              "aes256-ctr"),
          Kind.MAC,
          List.of(
              "hmac-sha2-256-etm@openssh.com",
              "hmac-sha2-512-etm@openssh.com",
              "hmac-sha2-256",
              "hmac-sha2-512"),
          Kind.PUBKEY,
          List.of(
              "ssh-ed25519",
              "ecdsa-sha2-nistp256",
              "ecdsa-sha2-nistp384",
              "ecdsa-sha2-nistp521",
              "sk-ssh-ed25519@openssh.com",
              "sk-ecdsa-sha2-nistp256@openssh.com",
              "rsa-sha2-512",
              "rsa-sha2-256"));

  private static final Map<Kind, List<String>> LEGACY =
      Map.of(
          Kind.KEX,
          List.of(
              "diffie-hellman-group14-sha1",
              "diffie-hellman-group-exchange-sha1",
              "diffie-hellman-group1-sha1"),
          Kind.HOST_KEY,
          List.of("ssh-rsa", "ssh-dss"),
          Kind.CIPHER,
          List.of("aes128-cbc", "aes192-cbc", "aes256-cbc", "3des-cbc"),
          Kind.MAC,
          List.of("hmac-sha1-etm@openssh.com", "hmac-sha1", "hmac-sha1-96", "hmac-md5"),
          Kind.PUBKEY,
          List.of("ssh-rsa", "ssh-dss"));

  private SshAlgorithms() {}

  /** What Patchbay offers when a connection asks for nothing else. */
  public static List<String> defaults(Kind kind) {
    return DEFAULTS.get(kind);
  }

  /** Every algorithm a connection may ask for: the defaults, then the legacy ones. */
  public static List<String> available(Kind kind) {
    List<String> all = new ArrayList<>(DEFAULTS.get(kind));
    all.addAll(LEGACY.get(kind));
    return all;
  }

  /**
   * Applies an OpenSSH list value to the defaults: {@code a,b} replaces them, {@code +a,b} appends,
   * {@code -a,b} removes, {@code ^a,b} puts first; names may use {@code *} and {@code ?}. Null
   * keeps the defaults.
   *
   * @throws IllegalArgumentException naming what is not available, or when nothing is left
   */
  public static List<String> resolve(Kind kind, String value) {
    if (value == null) {
      return defaults(kind);
    }
    String list = value.trim();
    char modifier = list.isEmpty() ? ' ' : list.charAt(0);
    if (modifier == '+' || modifier == '-' || modifier == '^') {
      list = list.substring(1);
    }
    List<String> available = available(kind);
    Set<String> named = new LinkedHashSet<>();
    for (String name : list.split(",")) {
      String trimmed = name.trim();
      if (trimmed.isEmpty()) {
        throw new IllegalArgumentException("has an empty algorithm name");
      }
      Pattern pattern = wildcard(trimmed);
      List<String> matches = available.stream().filter(a -> pattern.matcher(a).matches()).toList();
      if (matches.isEmpty() && modifier != '-') {
        throw new IllegalArgumentException(
            "names "
                + trimmed
                + ", which Patchbay does not support (available: "
                + String.join(",", available)
                + ")");
      }
      named.addAll(matches);
    }
    Set<String> result = new LinkedHashSet<>();
    switch (modifier) {
      case '+' -> {
        result.addAll(defaults(kind));
        result.addAll(named);
      }
      case '-' -> {
        result.addAll(defaults(kind));
        result.removeAll(named);
      }
      case '^' -> {
        result.addAll(named);
        result.addAll(defaults(kind));
      }
      default -> result.addAll(named);
    }
    if (result.isEmpty()) {
      throw new IllegalArgumentException("leaves no algorithm to offer");
    }
    return List.copyOf(result);
  }

  private static Pattern wildcard(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toLowerCase(Locale.ROOT).toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
  }
}
