package dev.patchbay.cli;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The prompt patterns of a profile compiled for one hostname (or any hostname before learning). */
final class PromptSet {

  private static final String ANY_HOSTNAME = "[\\w.\\-/:]+";
  private static final String HOSTNAME_GROUP = "(?<hostname>" + ANY_HOSTNAME + ")";

  private final Map<CliState, Pattern> byState = new LinkedHashMap<>();
  private final String hostname;

  private PromptSet(OsProfile profile, String hostnameRegex, String hostname) {
    this.hostname = hostname;
    profile
        .prompts()
        .forEach(
            (state, template) ->
                byState.put(state, CompiledPatterns.of(template.replace("%N", hostnameRegex))));
  }

  /** Prompts for a device whose hostname is not known yet; they capture it as {@code hostname}. */
  static PromptSet learning(OsProfile profile) {
    return new PromptSet(profile, HOSTNAME_GROUP, null);
  }

  /** Prompts for a known hostname (any hostname when {@code hostname} is null). */
  static PromptSet forHostname(OsProfile profile, String hostname) {
    boolean named = hostname != null && usesHostname(profile);
    return new PromptSet(
        profile, named ? Pattern.quote(hostname) : ANY_HOSTNAME, named ? hostname : null);
  }

  private static boolean usesHostname(OsProfile profile) {
    return profile.prompts().values().stream().anyMatch(p -> p.contains("%N"));
  }

  /** The hostname these prompts are bound to; null when any hostname matches. */
  String hostname() {
    return hostname;
  }

  Map<CliState, Pattern> byState() {
    return byState;
  }

  Optional<CliState> stateOf(String line) {
    return byState.entrySet().stream()
        .filter(e -> e.getValue().matcher(line).find())
        .map(Map.Entry::getKey)
        .findFirst();
  }

  /** The hostname captured from a prompt line, if a pattern of this set captures one. */
  Optional<String> hostnameOf(String line) {
    for (Pattern pattern : byState.values()) {
      Matcher matcher = pattern.matcher(line);
      if (matcher.find() && pattern.pattern().contains("(?<hostname>")) {
        return Optional.of(matcher.group("hostname"));
      }
    }
    return Optional.empty();
  }
}
