package dev.patchbay.simulator.cli;

import java.util.Map;

/**
 * A simulated device type: its CLI states and the texts around them.
 *
 * @param source where the profile was loaded from (for messages)
 * @param startState state of an interactive session after login
 * @param execState state an SSH exec command runs in
 * @param banner printed when a session starts, or {@code null}
 * @param login prompts and failure texts of the Telnet login
 * @param errors how rejected input is reported
 */
public record DeviceProfile(
    String name,
    String source,
    Map<String, CliState> states,
    String startState,
    String execState,
    String banner,
    LoginTexts login,
    ErrorTexts errors,
    boolean abbreviations) {

  /** The state called {@code name}; fails for unknown names. */
  public CliState state(String stateName) {
    CliState state = states.get(stateName);
    if (state == null) {
      throw new IllegalArgumentException("Profile " + name + " has no state " + stateName);
    }
    return state;
  }

  /**
   * This profile starting (and running exec commands) in another state, as unicon's mock device
   * does with {@code --state}.
   */
  public DeviceProfile startingIn(String stateName) {
    state(stateName);
    return new DeviceProfile(
        name, source, states, stateName, stateName, banner, login, errors, abbreviations);
  }

  /** Texts of the login dialog. */
  public record LoginTexts(String userPrompt, String passwordPrompt, String failure) {
    /** Cisco-style login. */
    public static final LoginTexts IOS =
        new LoginTexts("Username: ", "Password: ", "% Login invalid");
  }

  /**
   * Messages for rejected input. {@code unknownCommand}, when set, replaces the IOS-style caret
   * messages (shell style, {@code {command}} standing for the first word) and uses exit status 127.
   */
  public record ErrorTexts(
      String invalid, String incomplete, String ambiguous, String unknownCommand) {
    /** IOS messages. */
    public static final ErrorTexts IOS =
        new ErrorTexts(
            "% Invalid input detected at '^' marker.",
            "% Incomplete command.", "% Ambiguous command:  \"{command}\"", null);
  }
}
