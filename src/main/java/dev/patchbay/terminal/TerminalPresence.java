package dev.patchbay.terminal;

import java.util.Optional;
import org.springframework.stereotype.Component;

/** Reads who is at a session's terminal, for listings above the terminal (the console). */
@Component
public class TerminalPresence {

  private final TerminalHubs hubs;

  TerminalPresence(TerminalHubs hubs) {
    this.hubs = hubs;
  }

  /** The session's writer and viewers; empty when it has no terminal hub (a pool, or closed). */
  public Optional<Presence> of(String device, String alias) {
    return hubs.find(device, alias).map(TerminalHub::presence);
  }
}
