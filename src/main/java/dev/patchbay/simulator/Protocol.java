package dev.patchbay.simulator;

/** How a simulated device is reached. */
public enum Protocol {
  SSH,
  TELNET
}
