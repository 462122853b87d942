package dev.patchbay.simulator.cli;

/** Built-in side effects a command can have besides printing and switching state. */
public enum CommandAction {
  /** Sets the hostname (and so the prompt) to the command's first argument. */
  SET_HOSTNAME,
  /** Sets the page length to the first argument; 0 disables paging. */
  TERMINAL_LENGTH,
  /** Sets the terminal width to the first argument; 0 means unlimited. */
  TERMINAL_WIDTH,
  /** Ends the session after the response. */
  LOGOUT
}
