package dev.patchbay.manager;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.springframework.stereotype.Service;

/**
 * The session calls a job makes on each device, the same ones REST makes (checked, metered, audited
 * and recorded alike), so that a job step is indistinguishable from a single call. Every method
 * blocks.
 */
@Service
public class DeviceAutomation {

  private final SessionService sessions;
  private final ConnectionManagerRegistry registry;
  private final ConnectionSource source;

  DeviceAutomation(
      SessionService sessions, ConnectionManagerRegistry registry, ConnectionSource source) {
    this.sessions = sessions;
    this.registry = registry;
    this.source = source;
  }

  /** Refuses, as a single execute would, a command with a bad timeout, prompt or pattern. */
  public static void check(ExecuteCommandRequest command) {
    CliRequests.execute(command);
  }

  /** Refuses, as a single configure would, empty or multi-line configuration. */
  public static void check(ConfigureDeviceRequest configure) {
    CliRequests.configure(configure);
  }

  /** {@code connectionDefaults.alias} of {@code device}, else {@code default}. */
  public String defaultAlias(String device) {
    return source.defaultAlias(device);
  }

  /** Whether {@code device} has a live session {@code alias}. */
  public boolean hasSession(String device, String alias) {
    return registry
        .existing(device)
        .map(m -> m.sessions().stream().anyMatch(s -> s.alias().equals(alias)))
        .orElse(false);
  }

  /** Opens a session {@code alias} of {@code device} on its default connection. */
  public void open(String device, String alias, String actor) {
    sessions.open(device, new OpenSessionRequest(null, alias, null, null), actor);
  }

  /**
   * Runs one command; {@code cap}, when not null, bounds its timeout (a command without one may use
   * all of it); once {@code cancelled} answers true the command ends as a timed-out one would
   * (interrupted, the session kept).
   */
  public ExecuteCommandResponse execute(
      String device,
      String alias,
      ExecuteCommandRequest command,
      Duration cap,
      BooleanSupplier cancelled,
      String actor) {
    return sessions.execute(device, alias, capped(command, cap), actor, cancelled);
  }

  /**
   * Applies configuration lines; {@code cap}, when not null, is each line's timeout (else the
   * connection's execute timeout).
   */
  public ConfigureDeviceResponse configure(
      String device, String alias, List<String> lines, Duration cap, String actor) {
    return sessions.configure(
        device, alias, new ConfigureDeviceRequest(lines, cappedSeconds(null, cap)), actor);
  }

  /** Closes the session {@code alias} of {@code device}. */
  public void close(String device, String alias, String actor) {
    sessions.close(device, alias, actor);
  }

  private static ExecuteCommandRequest capped(ExecuteCommandRequest command, Duration cap) {
    return cap == null
        ? command
        : new ExecuteCommandRequest(
            command.command(),
            cappedSeconds(command.timeoutSeconds(), cap),
            command.prompt(),
            command.reply(),
            command.errorPatterns(),
            command.parse(),
            command.template());
  }

  private static Integer cappedSeconds(Integer seconds, Duration cap) {
    if (cap == null) {
      return seconds;
    }
    int left = (int) Math.max(1, (cap.toMillis() + 999) / 1000);
    return seconds == null ? left : Math.min(seconds, left);
  }
}
