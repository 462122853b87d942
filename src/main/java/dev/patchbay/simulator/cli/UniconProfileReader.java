package dev.patchbay.simulator.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads unicon mock-device data files as they are: top-level keys are states, each with {@code
 * prompt}, optional {@code preface}, {@code commands} ({@code cmd: response} or {@code cmd:
 * {response, new_state, response_type: circular, timing}}) and {@code keys}. The first state is the
 * start state. Commands match exactly; {@code timing} (seconds, or a list whose first number is
 * used) delays the response.
 */
final class UniconProfileReader {

  private final String name;
  private final String source;
  private final StateGraph graph = new StateGraph();

  UniconProfileReader(String name, String source) {
    this.name = name;
    this.source = source;
  }

  DeviceProfile read(YamlNode document) {
    for (Map.Entry<String, YamlNode> state : document.entries().entrySet()) {
      graph.add(readState(state.getKey(), state.getValue()));
    }
    if (graph.isEmpty()) {
      throw document.error("no states");
    }
    String start = graph.firstStateName();
    return new DeviceProfile(
        name,
        source,
        graph.link(),
        start,
        start,
        null,
        DeviceProfile.LoginTexts.IOS,
        DeviceProfile.ErrorTexts.IOS,
        false);
  }

  private StateGraph.PartialState readState(String stateName, YamlNode node) {
    if (!node.isMapping()) {
      throw node.error("state '" + stateName + "' must be a mapping");
    }
    Map<String, YamlNode> entries = node.entries();
    if (!entries.containsKey("prompt")) {
      throw node.error("state '" + stateName + "' has no prompt");
    }
    List<CommandRule> rules = new ArrayList<>();
    if (entries.get("commands") instanceof YamlNode commands) {
      for (Map.Entry<String, YamlNode> command : commands.entries().entrySet()) {
        rules.add(readCommand(command.getKey().strip(), command.getValue()));
      }
    }
    Map<String, CommandRule> keys = new LinkedHashMap<>();
    if (entries.get("keys") instanceof YamlNode keyNode) {
      for (Map.Entry<String, YamlNode> key : keyNode.entries().entrySet()) {
        keys.put(key.getKey(), readCommand(key.getKey(), key.getValue()));
      }
    }
    return new StateGraph.PartialState(
        stateName,
        node,
        entries.get("prompt").text(),
        entries.containsKey("preface") ? entries.get("preface").text() : null,
        null,
        rules,
        keys,
        false,
        List.of(),
        0);
  }

  private CommandRule readCommand(String command, YamlNode node) {
    ResponseText response;
    String newState = null;
    long delayMillis = 0;
    if (node.isScalar()) {
      response = ResponseText.of(node.text());
    } else {
      Map<String, YamlNode> entries = node.entries();
      boolean circular =
          entries.containsKey("response_type")
              && entries.get("response_type").text().equals("circular");
      response =
          entries.containsKey("response")
              ? new ResponseText(entries.get("response").texts(), circular)
              : ResponseText.of("");
      if (entries.containsKey("new_state")) {
        graph.reference(entries.get("new_state"));
        newState = entries.get("new_state").text();
      }
      if (entries.containsKey("timing")) {
        delayMillis = timing(entries.get("timing"));
      }
    }
    FaultBehaviour faults =
        new FaultBehaviour(delayMillis, 0, 0, -1, false, StandardCharsets.UTF_8);
    return new CommandRule(
        new CommandPattern.Exact(command),
        response,
        newState,
        null,
        null,
        List.of(),
        false,
        faults,
        0);
  }

  private static long timing(YamlNode node) {
    List<String> values = node.texts();
    for (String value : values) {
      for (String part : value.split("[,:\\s]+")) {
        try {
          return Math.round(Double.parseDouble(part) * 1000);
        } catch (NumberFormatException e) {
          // not a number: look at the next part
        }
      }
    }
    return 0;
  }
}
