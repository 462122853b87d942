package dev.patchbay.cli;

/** Where the CLI of a device is: user exec ({@code >}), enable ({@code #}), config, or a shell. */
public enum CliState {
  EXEC,
  ENABLE,
  CONFIG,
  SHELL
}
