package dev.patchbay.cli;

import com.google.re2j.Pattern;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Profile patterns compiled once and shared by every session: opening a session used to compile its
 * profile's prompts (twice), pager, error and password patterns afresh, a sizeable share of an
 * open's CPU. Compiled patterns are immutable and thread-safe. The memo is bounded, emptied when
 * full, because prompt patterns bound to a hostname are as many as devices.
 */
final class CompiledPatterns {

  private static final int MAX_ENTRIES = 4096;

  private static final Map<String, Pattern> RE2 = new ConcurrentHashMap<>();
  private static final Map<String, java.util.regex.Pattern> JDK = new ConcurrentHashMap<>();

  private CompiledPatterns() {}

  /** The linear-time pattern for {@code regex}. */
  static Pattern of(String regex) {
    return memo(RE2, regex, Pattern::compile);
  }

  /**
   * A JDK pattern, for the few internal ones that need a lookahead or that RE2/J would scan too
   * slowly (the built-in profiles' error lines).
   */
  static java.util.regex.Pattern jdk(String regex) {
    return memo(JDK, regex, java.util.regex.Pattern::compile);
  }

  private static <P> P memo(Map<String, P> memo, String regex, Function<String, P> compile) {
    P known = memo.get(regex);
    if (known != null) {
      return known;
    }
    if (memo.size() >= MAX_ENTRIES) {
      memo.clear();
    }
    return memo.computeIfAbsent(regex, compile);
  }
}
