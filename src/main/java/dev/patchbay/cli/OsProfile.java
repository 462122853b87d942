package dev.patchbay.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a kind of device talks, as data: prompt patterns per {@link CliState} (regular expressions
 * matched against the last line of output; {@code %N} stands for the hostname), the commands that
 * move between states, init commands, error patterns, the pager, the login prompts and the
 * interrupt sequences that stop a hung command, tried in order ({@code Ctrl-C}; IOS also {@code
 * Ctrl-^ x}, its escape sequence for ping, traceroute and telnet).
 */
public record OsProfile(
    String name,
    Map<CliState, String> prompts,
    List<String> initExecCommands,
    List<String> initConfigCommands,
    List<String> errorPatterns,
    String pagerPattern,
    String enableCommand,
    String configCommand,
    String endCommand,
    LoginPrompts login,
    List<String> interrupts) {

  /** Login prompt patterns (telnet and serial) and the texts that mean the login was refused. */
  public record LoginPrompts(String username, String password, String failed) {}

  private static final String ROUTER_EXEC = "^%N>\\s*$";
  private static final String ROUTER_ENABLE = "^%N#\\s*$";
  private static final String ROUTER_CONFIG = "^%N\\(conf[^)]*\\)#\\s*$";
  private static final String SHELL = "^[^\\s].*[$#]\\s*$";

  /** One pattern: every error line starts with {@code %}, so each position costs one test. */
  private static final List<String> ROUTER_ERRORS =
      List.of(
          "^%\\s*(?:Invalid input|Incomplete command|Ambiguous command|Unknown command"
              + "|Invalid command|Error|Bad )");

  private static final String CTRL_C = "\u0003";
  private static final String CTRL_CARET_X = "\u001ex";

  private static final String PAGER = "-+\\s*[Mm]ore\\s*-+|<--- More --->|--More--";
  private static final LoginPrompts LOGIN =
      new LoginPrompts(
          "(?i)(user ?name|login)\\s*:\\s*$",
          "(?i)password\\s*:\\s*$",
          "(?i)(% ?login invalid|authentication failed|login incorrect|access denied"
              + "|% ?bad passwords?)");

  public OsProfile {
    prompts = Collections.unmodifiableMap(new LinkedHashMap<>(prompts));
    initExecCommands = List.copyOf(initExecCommands);
    initConfigCommands = List.copyOf(initConfigCommands);
    errorPatterns = List.copyOf(errorPatterns);
    interrupts =
        interrupts == null || interrupts.isEmpty() ? List.of(CTRL_C) : List.copyOf(interrupts);
  }

  /**
   * The profile for a pyATS {@code os} value: {@code iosxe}, {@code ios}, {@code iosxr}, {@code
   * nxos}, {@code linux}; anything else gets {@code generic}.
   */
  public static OsProfile forOs(String os) {
    String key = os == null ? "generic" : os.toLowerCase(Locale.ROOT);
    return switch (key) {
      case "iosxe", "ios", "iosxr", "nxos", "asa" -> router(key);
      case "linux", "ubuntu", "debian" -> linux(key);
      default -> generic();
    };
  }

  private static OsProfile router(String name) {
    return new OsProfile(
        name,
        routerPrompts(),
        List.of("terminal length 0", "terminal width 0"),
        List.of(),
        ROUTER_ERRORS,
        PAGER,
        "enable",
        "configure terminal",
        "end",
        LOGIN,
        name.startsWith("ios") ? List.of(CTRL_C, CTRL_CARET_X) : List.of(CTRL_C));
  }

  private static OsProfile linux(String name) {
    return new OsProfile(
        name,
        Map.of(CliState.SHELL, SHELL),
        List.of(),
        List.of(),
        List.of(": command not found$", "^-?\\w*sh: .*: No such file or directory$"),
        PAGER,
        null,
        null,
        null,
        LOGIN,
        List.of(CTRL_C));
  }

  private static OsProfile generic() {
    Map<CliState, String> prompts = routerPrompts();
    prompts.put(CliState.SHELL, "^[^\\s].*\\$\\s*$");
    return new OsProfile(
        "generic",
        prompts,
        List.of(),
        List.of(),
        ROUTER_ERRORS,
        PAGER,
        "enable",
        "configure terminal",
        "end",
        LOGIN,
        List.of(CTRL_C));
  }

  private static Map<CliState, String> routerPrompts() {
    Map<CliState, String> prompts = new LinkedHashMap<>();
    prompts.put(CliState.CONFIG, ROUTER_CONFIG);
    prompts.put(CliState.ENABLE, ROUTER_ENABLE);
    prompts.put(CliState.EXEC, ROUTER_EXEC);
    return prompts;
  }

  /**
   * This profile with prompt patterns overridden by a connection definition's {@code prompts} map
   * (keys {@code exec}, {@code enable}, {@code config}, {@code shell}, {@code username}, {@code
   * password}, {@code login_failed}).
   */
  public OsProfile withOverrides(Map<String, Object> overrides) {
    if (overrides == null || overrides.isEmpty()) {
      return this;
    }
    Map<CliState, String> merged = new LinkedHashMap<>(prompts);
    for (CliState state : CliState.values()) {
      Object value = overrides.get(state.name().toLowerCase(Locale.ROOT));
      if (value != null) {
        merged.put(state, value.toString());
      }
    }
    LoginPrompts loginPrompts =
        new LoginPrompts(
            text(overrides, "username", login.username()),
            text(overrides, "password", login.password()),
            text(overrides, "login_failed", login.failed()));
    return new OsProfile(
        name,
        merged,
        initExecCommands,
        initConfigCommands,
        errorPatterns,
        pagerPattern,
        enableCommand,
        configCommand,
        endCommand,
        loginPrompts,
        interrupts);
  }

  private static String text(Map<String, Object> map, String key, String fallback) {
    Object value = map.get(key);
    return value == null ? fallback : value.toString();
  }
}
