package dev.patchbay.terminal;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import dev.patchbay.audit.AuditLog;
import dev.patchbay.common.Blocking;
import dev.patchbay.io.Terminal;
import dev.patchbay.manager.ClosedSession;
import dev.patchbay.manager.OpenedSession;
import dev.patchbay.manager.SessionActivity;
import dev.patchbay.manager.SessionLifecycle;
import dev.patchbay.manager.SessionState;
import dev.patchbay.manager.SessionTerminals;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * One {@link TerminalHub} per live single-connection session, created when the session opens (so
 * that a late viewer gets the scrollback) or when the first viewer attaches; ended when the session
 * closes. Passes the session's events (a new terminal, a new state, REST automation holding it) on
 * to its hub.
 */
@Component
class TerminalHubs implements SessionLifecycle, SessionActivity, DisposableBean {

  private final Map<String, TerminalHub> hubs = new ConcurrentHashMap<>();
  private final SessionTerminals sessions;
  private final TerminalProperties properties;
  private final JsonMapper json;
  private final Blocking blocking;
  private final AuditLog audit;
  private final TerminalMetrics metrics;
  private final ObjectProvider<PresenceListener> presenceBeans;
  private volatile List<PresenceListener> presenceListeners;

  TerminalHubs(
      SessionTerminals sessions,
      TerminalProperties properties,
      JsonMapper json,
      Blocking blocking,
      AuditLog audit,
      TerminalMetrics metrics,
      MeterRegistry meters,
      ObjectProvider<PresenceListener> presenceBeans) {
    this.presenceBeans = presenceBeans;
    this.sessions = sessions;
    this.properties = properties;
    this.json = json;
    this.blocking = blocking;
    this.audit = audit;
    this.metrics = metrics;
    Gauge.builder(
            "patchbay.terminal.viewers",
            hubs,
            all -> all.values().stream().mapToInt(TerminalHub::viewers).sum())
        .description("Web terminal viewers attached now")
        .register(meters);
  }

  @Override
  public void sessionOpened(OpenedSession session) {
    if (!session.pooled()) {
      hub(session.device(), session.alias(), session.terminals().getFirst());
    }
  }

  @Override
  public void terminalReplaced(String device, String alias, int member, Terminal terminal) {
    find(device, alias).ifPresent(hub -> hub.terminalReplaced(terminal));
  }

  @Override
  public void stateChanged(String device, String alias, SessionState state) {
    find(device, alias).ifPresent(hub -> hub.state(state));
  }

  @Override
  public void sessionClosing(ClosedSession closing) {
    find(closing.device(), closing.alias())
        .ifPresent(hub -> hub.closing(new SessionEnd(closing.reason(), closing.closedBy())));
  }

  @Override
  public void sessionClosed(ClosedSession closed) {
    find(closed.device(), closed.alias()).ifPresent(TerminalHub::end);
  }

  @Override
  public void automationStarted(String device, String alias, String actor) {
    find(device, alias).ifPresent(hub -> hub.automationStarted(actor));
  }

  @Override
  public void automationFinished(String device, String alias) {
    find(device, alias).ifPresent(TerminalHub::automationFinished);
  }

  /**
   * Attaches a viewer called {@code name} (its API token) to the session, opening it through {@code
   * via} first when {@code open} is set and the alias has none (blocking). An opener takes write
   * control when it is free.
   */
  Attachment attach(String device, String alias, String name, boolean open, String via) {
    Optional<Terminal> terminal = sessions.terminal(device, alias);
    boolean opened = false;
    if (terminal.isEmpty()) {
      if (sessions.isPool(device, alias)) {
        throw new PatchbayException(
            ProblemType.CONFLICT,
            "session '" + alias + "' is a pool; viewers attach to single connections only");
      }
      if (!open) {
        throw new PatchbayException(
            ProblemType.SESSION_NOT_FOUND,
            "device '" + device + "' has no session '" + alias + "' (add open=true to open one)");
      }
      sessions.open(device, alias, via, name);
      opened = true;
      terminal = sessions.terminal(device, alias);
    }
    Terminal live =
        terminal.orElseThrow(
            () ->
                new PatchbayException(
                    ProblemType.SESSION_NOT_FOUND, "session '" + alias + "' has just ended"));
    TerminalHub hub = hub(device, alias, live);
    if (opened) {
      hub.closeWithLastViewer();
    }
    Viewer viewer = hub.attach(name, open);
    if (viewer == null) {
      throw new PatchbayException(
          ProblemType.SESSION_NOT_FOUND, "session '" + alias + "' has just ended");
    }
    return new Attachment(hub, viewer);
  }

  Optional<TerminalHub> find(String device, String alias) {
    return Optional.ofNullable(hubs.get(key(device, alias)));
  }

  @Override
  public void destroy() {
    List.copyOf(hubs.values()).forEach(TerminalHub::end);
  }

  private TerminalHub hub(String device, String alias, Terminal terminal) {
    return hubs.computeIfAbsent(
        key(device, alias),
        key -> {
          TerminalHub hub =
              new TerminalHub(
                  device,
                  alias,
                  sessions,
                  properties,
                  json,
                  blocking.scheduler()::schedule,
                  ended -> hubs.remove(key, ended),
                  new WriteControlAudit(audit, device, alias, label -> mark(device, alias, label)),
                  metrics,
                  () -> presenceChanged(device, alias));
          hub.start(terminal);
          return hub;
        });
  }

  /** A write-control handoff goes into the session's recording, off the caller's thread. */
  private void mark(String device, String alias, String label) {
    blocking
        .scheduler()
        .schedule(
            () -> sessions.recorder(device, alias).ifPresent(recorder -> recorder.marker(label)));
  }

  private void presenceChanged(String device, String alias) {
    List<PresenceListener> resolved = presenceListeners;
    if (resolved == null) {
      resolved = presenceBeans.orderedStream().toList();
      presenceListeners = resolved;
    }
    resolved.forEach(listener -> listener.presenceChanged(device, alias));
  }

  private static String key(String device, String alias) {
    return device + "\n" + alias;
  }
}
