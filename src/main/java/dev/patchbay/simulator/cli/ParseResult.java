package dev.patchbay.simulator.cli;

import java.util.Map;

/** The outcome of matching one input line against a state's commands. */
sealed interface ParseResult {

  /** A command was recognised; {@code args} holds placeholder and group values. */
  record Match(CommandRule rule, Map<String, String> args) implements ParseResult {}

  /** Nothing but white space was entered. */
  record Empty() implements ParseResult {}

  /** No command matches; {@code caret} is the offset in the line where matching failed. */
  record Invalid(int caret) implements ParseResult {}

  /** The line is a prefix of a longer command. */
  record Incomplete() implements ParseResult {}

  /** An abbreviation matches more than one command word. */
  record Ambiguous() implements ParseResult {}
}
