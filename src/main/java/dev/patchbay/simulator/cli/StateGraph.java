package dev.patchbay.simulator.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects states and their references while reading a profile, then checks and links them. */
final class StateGraph {

  private final Map<String, PartialState> states = new LinkedHashMap<>();
  private final List<Reference> references = new ArrayList<>();

  void add(PartialState state) {
    states.put(state.name(), state);
  }

  /** Records that {@code node} names a state that must exist. */
  void reference(YamlNode node) {
    references.add(new Reference(node.text(), node));
  }

  String firstStateName() {
    return states.keySet().iterator().next();
  }

  boolean isEmpty() {
    return states.isEmpty();
  }

  /** Checks every reference and resolves inheritance. */
  Map<String, CliState> link() {
    for (Reference reference : references) {
      if (!states.containsKey(reference.name())) {
        throw reference
            .node()
            .error("unknown state '" + reference.name() + "', known states: " + states.keySet());
      }
    }
    Map<String, CliState> linked = new LinkedHashMap<>();
    for (PartialState state : states.values()) {
      List<CommandRule> rules = new ArrayList<>();
      List<String> visited = new ArrayList<>();
      PartialState current = state;
      while (current != null) {
        if (visited.contains(current.name())) {
          throw state.node().error("inheritance cycle " + visited + " -> " + current.name());
        }
        visited.add(current.name());
        rules.addAll(current.rules());
        current = current.inherit() == null ? null : states.get(current.inherit());
      }
      linked.put(
          state.name(),
          new CliState(
              state.name(),
              state.prompt(),
              state.preface(),
              List.copyOf(rules),
              Map.copyOf(state.keys()),
              state.acceptUnknown(),
              state.invalidLines(),
              state.configDepth()));
    }
    return linked;
  }

  /** A state as read, before inheritance is resolved. */
  record PartialState(
      String name,
      YamlNode node,
      String prompt,
      String preface,
      String inherit,
      List<CommandRule> rules,
      Map<String, CommandRule> keys,
      boolean acceptUnknown,
      List<java.util.regex.Pattern> invalidLines,
      int configDepth) {}

  private record Reference(String name, YamlNode node) {}
}
