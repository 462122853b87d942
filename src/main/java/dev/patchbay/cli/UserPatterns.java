package dev.patchbay.cli;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Optional;

/**
 * Regular expressions that users supply (connection prompts, execute prompts, dialog and error
 * patterns) compiled with RE2/J, whose matching time is linear in the input: a pattern such as
 * {@code (a+)+$} cannot make a device's output cost exponential time. RE2 has no backreferences or
 * lookaround; a pattern using them is refused with where it goes wrong, as is any invalid one.
 */
public final class UserPatterns {

  /** Stands for the hostname placeholder {@code %N} of prompt templates while checking them. */
  private static final String HOSTNAME_STAND_IN = "NN";

  private UserPatterns() {}

  /**
   * {@code regex} compiled.
   *
   * @throws IllegalArgumentException with {@link #problem}'s text when it is not valid
   */
  public static Pattern compile(String regex) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(describe(regex, e), e);
    }
  }

  /**
   * Why {@code regex} cannot be used, naming the position (0-based) where it goes wrong, e.g.
   * {@code "is not a valid regular expression (RE2 syntax): missing closing ) at position 4"};
   * empty when it compiles. {@code %N} counts as a hostname.
   */
  public static Optional<String> problem(String regex) {
    String checked = regex.replace("%N", HOSTNAME_STAND_IN);
    try {
      Pattern.compile(checked);
      return Optional.empty();
    } catch (PatternSyntaxException e) {
      return Optional.of(describe(checked, e));
    }
  }

  private static String describe(String regex, PatternSyntaxException e) {
    return "is not a valid regular expression (RE2 syntax, no backreferences or lookaround): "
        + e.getDescription()
        + " at position "
        + position(regex, e);
  }

  /**
   * Where the error is: java.util.regex's index when it also refuses the pattern (RE2/J reports
   * none), otherwise where the fragment RE2/J quotes starts.
   */
  private static int position(String regex, PatternSyntaxException e) {
    try {
      java.util.regex.Pattern.compile(regex);
    } catch (java.util.regex.PatternSyntaxException java) {
      if (java.getIndex() >= 0) {
        return Math.min(java.getIndex(), regex.length());
      }
    }
    String fragment = e.getPattern();
    int at = fragment == null || fragment.isEmpty() ? -1 : regex.indexOf(fragment);
    return Math.max(at, 0);
  }
}
