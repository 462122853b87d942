package dev.patchbay.audit;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the secrets of a CLI command or configuration line for the audit trail: the word after a
 * secret-bearing keyword ({@code secret}, {@code password}, {@code key}, {@code key-string}, {@code
 * community}, …), skipping an encryption type digit ({@code enable secret 5 $1$…}, {@code
 * tacacs-server key 7 0822…}). Key management words ({@code crypto key generate rsa}, {@code key
 * chain NAME}) are not secrets. Only the audit text is masked; the device receives the command as
 * written. Over-masking is preferred to a leak.
 */
public final class CommandRedactor {

  /** What a masked word becomes (as secrets in API responses). */
  public static final String MASK = "*****";

  private static final Set<String> SECRET_KEYWORDS =
      Set.of(
          "secret",
          "password",
          "passwd",
          "key",
          "key-string",
          "authentication-key",
          "md5",
          "community",
          "pre-shared-key",
          "psk",
          "passphrase");

  /** Words after {@code key} that name an operation or an object, not a secret. */
  private static final Set<String> KEY_OPERATIONS =
      Set.of(
          "generate",
          "zeroize",
          "import",
          "export",
          "chain",
          "config-key",
          "decrypt",
          "encrypt",
          "storage",
          "mypubkey",
          "pubkey-chain");

  private static final Pattern WORD = Pattern.compile("\\S+");
  private static final Pattern TYPE_DIGIT = Pattern.compile("\\d");

  private CommandRedactor() {}

  /** {@code command} with its secrets replaced by {@value #MASK}; null stays null. */
  public static String redact(String command) {
    if (command == null) {
      return null;
    }
    Matcher words = WORD.matcher(command);
    StringBuilder out = new StringBuilder(command.length());
    int copied = 0;
    String keyword = null;
    boolean typeSeen = false;
    while (words.find()) {
      String word = words.group();
      if (keyword != null) {
        if (!typeSeen && TYPE_DIGIT.matcher(word).matches() && hasWordAfter(command, words.end())) {
          typeSeen = true;
          continue;
        }
        boolean secret =
            !keyword.equals("key") || !KEY_OPERATIONS.contains(word.toLowerCase(Locale.ROOT));
        if (secret) {
          out.append(command, copied, words.start()).append(MASK);
          copied = words.end();
        }
        keyword = null;
        continue;
      }
      String lower = word.toLowerCase(Locale.ROOT);
      if (SECRET_KEYWORDS.contains(lower)) {
        keyword = lower;
        typeSeen = false;
      }
    }
    return out.append(command, copied, command.length()).toString();
  }

  private static boolean hasWordAfter(String command, int index) {
    return !command.substring(index).isBlank();
  }
}
