package dev.patchbay.simulator.cli;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads the simulator's own profile format (see {@code simulator/profiles/iosxe.yaml}). */
final class NativeProfileReader {

  private static final Set<String> PROFILE_KEYS =
      Set.of(
          "name",
          "description",
          "start-state",
          "exec-state",
          "abbreviations",
          "banner",
          "login",
          "errors",
          "states");
  private static final Set<String> STATE_KEYS =
      Set.of(
          "prompt",
          "preface",
          "inherit",
          "accept-unknown",
          "invalid-lines",
          "config-depth",
          "commands",
          "keys");
  private static final Set<String> COMMAND_KEYS =
      Set.of(
          "cmd",
          "regex",
          "exact",
          "response",
          "circular",
          "new-state",
          "action",
          "password",
          "dialog",
          "record",
          "delay",
          "rate",
          "size",
          "disconnect-after",
          "hang",
          "encoding",
          "exit-status");
  private static final Set<String> PASSWORD_KEYS =
      Set.of("secret", "prompt", "failure", "attempts", "give-up");

  private final String name;
  private final String source;
  private final StateGraph graph = new StateGraph();

  NativeProfileReader(String name, String source) {
    this.name = name;
    this.source = source;
  }

  DeviceProfile read(YamlNode document) {
    Map<String, YamlNode> root = document.entries(PROFILE_KEYS);
    boolean abbreviations = !root.containsKey("abbreviations") || root.get("abbreviations").bool();
    for (Map.Entry<String, YamlNode> state : root.get("states").entries().entrySet()) {
      graph.add(readState(state.getKey(), state.getValue()));
    }
    if (graph.isEmpty()) {
      throw root.get("states").error("at least one state is required");
    }
    String start = optionalReference(root.get("start-state"), graph.firstStateName());
    String exec = optionalReference(root.get("exec-state"), start);
    Map<String, CliState> states = graph.link();
    return new DeviceProfile(
        root.containsKey("name") ? root.get("name").text() : name,
        source,
        states,
        start,
        exec,
        root.containsKey("banner") ? root.get("banner").text() : null,
        readLogin(root.get("login")),
        readErrors(root.get("errors")),
        abbreviations);
  }

  private String optionalReference(YamlNode node, String fallback) {
    if (node == null) {
      return fallback;
    }
    graph.reference(node);
    return node.text();
  }

  private StateGraph.PartialState readState(String stateName, YamlNode node) {
    Map<String, YamlNode> entries = node.entries(STATE_KEYS);
    if (!entries.containsKey("prompt")) {
      throw node.error("state '" + stateName + "' has no prompt");
    }
    List<CommandRule> rules = new ArrayList<>();
    if (entries.containsKey("commands")) {
      for (YamlNode command : entries.get("commands").items()) {
        rules.add(readCommand(command));
      }
    }
    Map<String, CommandRule> keys = new LinkedHashMap<>();
    if (entries.containsKey("keys")) {
      for (Map.Entry<String, YamlNode> key : entries.get("keys").entries().entrySet()) {
        keys.put(key.getKey(), readCommand(key.getValue()));
      }
    }
    List<Pattern> invalid = new ArrayList<>();
    if (entries.containsKey("invalid-lines")) {
      for (YamlNode item : entries.get("invalid-lines").items()) {
        invalid.add(regex(item));
      }
    }
    String inherit = null;
    if (entries.containsKey("inherit")) {
      graph.reference(entries.get("inherit"));
      inherit = entries.get("inherit").text();
    }
    return new StateGraph.PartialState(
        stateName,
        node,
        entries.get("prompt").text(),
        entries.containsKey("preface") ? entries.get("preface").text() : null,
        inherit,
        rules,
        keys,
        entries.containsKey("accept-unknown") && entries.get("accept-unknown").bool(),
        List.copyOf(invalid),
        entries.containsKey("config-depth") ? (int) entries.get("config-depth").number() : 0);
  }

  private CommandRule readCommand(YamlNode node) {
    Map<String, YamlNode> entries = node.entries(COMMAND_KEYS);
    CommandPattern pattern;
    if (entries.containsKey("cmd")) {
      pattern = CommandPattern.Words.parse(entries.get("cmd").text());
    } else if (entries.containsKey("regex")) {
      pattern = new CommandPattern.Regex(regex(entries.get("regex")));
    } else if (entries.containsKey("exact")) {
      pattern = new CommandPattern.Exact(entries.get("exact").text().strip());
    } else {
      throw node.error("a command needs one of cmd, regex or exact");
    }
    String newState = null;
    if (entries.containsKey("new-state")) {
      graph.reference(entries.get("new-state"));
      newState = entries.get("new-state").text();
    }
    ResponseText response =
        entries.containsKey("response")
            ? new ResponseText(
                entries.get("response").texts(),
                entries.containsKey("circular") && entries.get("circular").bool())
            : ResponseText.of("");
    return new CommandRule(
        pattern,
        response,
        newState,
        entries.containsKey("action") ? action(entries.get("action")) : null,
        entries.containsKey("password") ? password(entries.get("password")) : null,
        entries.containsKey("dialog") ? entries.get("dialog").texts() : List.of(),
        entries.containsKey("record") && entries.get("record").bool(),
        faults(entries),
        entries.containsKey("exit-status") ? (int) entries.get("exit-status").number() : 0);
  }

  private static FaultBehaviour faults(Map<String, YamlNode> entries) {
    Charset encoding = StandardCharsets.UTF_8;
    if (entries.containsKey("encoding")) {
      YamlNode node = entries.get("encoding");
      try {
        encoding = Charset.forName(node.text());
      } catch (IllegalArgumentException e) {
        throw node.error("unknown encoding '" + node.text() + "'");
      }
    }
    return new FaultBehaviour(
        entries.containsKey("delay") ? entries.get("delay").number() : 0,
        entries.containsKey("rate") ? entries.get("rate").byteSize() : 0,
        entries.containsKey("size") ? entries.get("size").byteSize() : 0,
        entries.containsKey("disconnect-after") ? entries.get("disconnect-after").byteSize() : -1,
        entries.containsKey("hang") && !"false".equals(hang(entries.get("hang"))),
        entries.containsKey("hang") && "forever".equals(hang(entries.get("hang"))),
        encoding);
  }

  /** {@code hang}: {@code true} (until interrupted), {@code forever} or {@code false}. */
  private static String hang(YamlNode node) {
    if ("forever".equalsIgnoreCase(node.text().strip())) {
      return "forever";
    }
    return node.bool() ? "true" : "false";
  }

  private static CommandAction action(YamlNode node) {
    try {
      return CommandAction.valueOf(node.text().toUpperCase().replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw node.error(
          "unknown action '"
              + node.text()
              + "', expected set-hostname, terminal-length, terminal-width or logout");
    }
  }

  private static PasswordCheck password(YamlNode node) {
    Map<String, YamlNode> entries = node.entries(PASSWORD_KEYS);
    String secret = entries.containsKey("secret") ? entries.get("secret").text() : "enable";
    if (!secret.equals("enable") && !secret.equals("login")) {
      throw entries.get("secret").error("secret must be 'enable' or 'login'");
    }
    return new PasswordCheck(
        secret.equals("enable"),
        entries.containsKey("prompt") ? entries.get("prompt").text() : "Password: ",
        entries.containsKey("failure") ? entries.get("failure").text() : "",
        entries.containsKey("attempts") ? (int) entries.get("attempts").number() : 3,
        entries.containsKey("give-up") ? entries.get("give-up").text() : "% Bad secrets");
  }

  private static DeviceProfile.LoginTexts readLogin(YamlNode node) {
    if (node == null) {
      return DeviceProfile.LoginTexts.IOS;
    }
    Map<String, YamlNode> entries =
        node.entries(Set.of("user-prompt", "password-prompt", "failure"));
    DeviceProfile.LoginTexts defaults = DeviceProfile.LoginTexts.IOS;
    return new DeviceProfile.LoginTexts(
        entries.containsKey("user-prompt")
            ? entries.get("user-prompt").text()
            : defaults.userPrompt(),
        entries.containsKey("password-prompt")
            ? entries.get("password-prompt").text()
            : defaults.passwordPrompt(),
        entries.containsKey("failure") ? entries.get("failure").text() : defaults.failure());
  }

  private static DeviceProfile.ErrorTexts readErrors(YamlNode node) {
    DeviceProfile.ErrorTexts defaults = DeviceProfile.ErrorTexts.IOS;
    if (node == null) {
      return defaults;
    }
    Map<String, YamlNode> entries =
        node.entries(Set.of("invalid", "incomplete", "ambiguous", "unknown-command"));
    return new DeviceProfile.ErrorTexts(
        entries.containsKey("invalid") ? entries.get("invalid").text() : defaults.invalid(),
        entries.containsKey("incomplete")
            ? entries.get("incomplete").text()
            : defaults.incomplete(),
        entries.containsKey("ambiguous") ? entries.get("ambiguous").text() : defaults.ambiguous(),
        entries.containsKey("unknown-command") ? entries.get("unknown-command").text() : null);
  }

  private static Pattern regex(YamlNode node) {
    try {
      return Pattern.compile(node.text());
    } catch (PatternSyntaxException e) {
      throw node.error("invalid regular expression: " + e.getDescription());
    }
  }
}
