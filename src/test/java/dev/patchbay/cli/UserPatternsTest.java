package dev.patchbay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.re2j.Pattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Users' patterns run on RE2/J: linear time, refused with a position when they cannot compile. */
class UserPatternsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "((((        | missing closing ) at position 4",
        "a(?=b)      | invalid or unsupported Perl syntax at position 1",
        "(?<!x)y     | invalid named capture at position 0",
        "(a)\\1      | invalid escape sequence at position 3",
        "x**         | invalid nested repetition operator at position 2",
        "[z-a]       | invalid character class range at position 3",
      })
  void anInvalidPatternIsRefusedWithItsPosition(String regex, String problem) {
    assertThat(UserPatterns.problem(regex))
        .hasValueSatisfying(p -> assertThat(p).endsWith(problem));
    assertThatThrownBy(() -> UserPatterns.compile(regex))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith(problem);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"^%N>\\s*$", "^%N\\(conf[^)]*\\)#\\s*$", "(?i)password:\\s*$", "(?P<h>\\w+)#$"})
  void promptTemplatesAndRe2SyntaxAreAccepted(String regex) {
    assertThat(UserPatterns.problem(regex)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"iosxe", "ios", "iosxr", "nxos", "asa", "linux", "generic"})
  void everyBuiltInProfilePatternCompilesOnTheUserEngine(String os) {
    OsProfile profile = OsProfile.forOs(os);
    List<String> patterns = new ArrayList<>(profile.prompts().values());
    patterns.addAll(profile.errorPatterns());
    patterns.add(profile.pagerPattern());
    patterns.add(profile.login().username());
    patterns.add(profile.login().password());
    patterns.add(profile.login().failed());
    assertThat(patterns).allSatisfy(p -> assertThat(UserPatterns.problem(p)).as(p).isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"(a+)+$", "^(a|a)*$", "(a*)*b"})
  void aCatastrophicPatternMatchesInLinearTime(String regex) {
    Pattern pattern = UserPatterns.compile(regex);
    String line = "a".repeat(50_000) + "!";
    // java.util.regex needs 2^n steps here: hours for 50 characters, let alone 50,000
    assertTimeoutPreemptively(
        Duration.ofSeconds(10), () -> assertThat(pattern.matcher(line).find()).isFalse());
  }
}
