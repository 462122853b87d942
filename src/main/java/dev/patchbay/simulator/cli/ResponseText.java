package dev.patchbay.simulator.cli;

import java.util.List;

/**
 * The text a command prints: one fixed text, or a list used in turn on every invocation (the last
 * one repeating), or cycling when {@code circular}.
 */
public record ResponseText(List<String> texts, boolean circular) {

  /** A response that always prints {@code text}. */
  public static ResponseText of(String text) {
    return new ResponseText(List.of(text), false);
  }

  /** The text for the {@code invocation}-th call (0-based). */
  String forInvocation(int invocation) {
    if (texts.isEmpty()) {
      return "";
    }
    int index = circular ? invocation % texts.size() : Math.min(invocation, texts.size() - 1);
    return texts.get(index);
  }
}
