package dev.patchbay.manager;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.cli.ConfigureRequest;
import dev.patchbay.cli.ConfigureResult;
import dev.patchbay.cli.ExecuteRequest;
import dev.patchbay.cli.ExecuteResult;
import dev.patchbay.parse.ParseService;
import dev.patchbay.parse.ParseTemplate;
import dev.patchbay.parse.Parsed;
import dev.patchbay.security.masking.SecretMasker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Session use cases behind the REST API, on behalf of an actor (the caller's principal name, see
 * {@link dev.patchbay.audit.Actors}). Every method blocks (inventory reads, device I/O): call them
 * through {@link dev.patchbay.common.Blocking}. Every command and configuration line sent is
 * audited.
 */
@Service
class SessionService {

  private final ConnectionManagerRegistry registry;
  private final ConnectionSource source;
  private final SessionMetrics metrics;
  private final ManagerProperties properties;
  private final ObjectProvider<SessionActivity> activity;
  private final SessionAudit audit;
  private final ParseService parser;
  private volatile List<SessionActivity> listeners;

  /**
   * A command of a batch and, when its output is to be parsed, the template chosen before it runs
   * (empty: the index has none); {@code template} is null when no parsing was asked for.
   */
  private record Planned(ExecuteRequest request, Optional<ParseTemplate> template) {}

  SessionService(
      ConnectionManagerRegistry registry,
      ConnectionSource source,
      SessionMetrics metrics,
      ManagerProperties properties,
      ObjectProvider<SessionActivity> activity,
      SessionAudit audit,
      ParseService parser) {
    this.registry = registry;
    this.source = source;
    this.metrics = metrics;
    this.properties = properties;
    this.activity = activity;
    this.audit = audit;
    this.parser = parser;
  }

  SessionResponse open(String device, OpenSessionRequest body, String actor) {
    return open(device, body, actor, "rest");
  }

  /** Opens a session for the web viewer {@code actor}, which its recording names. */
  SessionResponse openForViewer(String device, OpenSessionRequest body, String actor) {
    return open(device, body, actor, "viewer:" + actor);
  }

  private SessionResponse open(
      String device, OpenSessionRequest body, String actor, String openedBy) {
    OpenSessionRequest request =
        body == null ? new OpenSessionRequest(null, null, null, null) : body;
    ConnectionSource.Opening opening = source.opening(device, request.via());
    SessionTarget target = opening.target();
    String alias = request.alias() != null ? request.alias() : source.defaultAlias(device);
    int poolSize = request.poolSize() != null ? request.poolSize() : Math.max(1, target.poolSize());
    if (poolSize < 1) {
      throw CliRequests.invalid("poolSize", "must be at least 1");
    }
    Duration poolTimeout =
        Objects.requireNonNullElse(
            CliRequests.timeout("poolTimeoutSeconds", request.poolTimeoutSeconds()),
            properties.poolTimeout());
    return registry.track(
        () ->
            SessionResponse.of(
                registry
                    .manager(device)
                    .connect(opening, alias, poolSize, poolTimeout, actor, openedBy)));
  }

  List<SessionResponse> list(String device) {
    List<ManagedSession> sessions =
        registry.existing(device).map(ConnectionManager::sessions).orElse(List.of());
    if (sessions.isEmpty()) {
      source.requireDevice(device);
    }
    return sessions.stream().map(SessionResponse::of).toList();
  }

  SessionResponse get(String device, String alias) {
    return SessionResponse.of(session(device, alias));
  }

  void close(String device, String alias, String actor) {
    session(device, alias);
    registry.manager(device).disconnect(alias, actor, CloseReason.REQUEST);
  }

  ExecuteCommandResponse execute(
      String device, String alias, ExecuteCommandRequest body, String actor) {
    return execute(device, alias, body, actor, null);
  }

  /** Runs one command that ends, as a timed-out one, once {@code cancelled} answers true. */
  ExecuteCommandResponse execute(
      String device,
      String alias,
      ExecuteCommandRequest body,
      String actor,
      BooleanSupplier cancelled) {
    ExecuteRequest request = CliRequests.execute(body).withCancellation(cancelled);
    ManagedSession session = session(device, alias);
    Optional<ParseTemplate> template =
        Boolean.TRUE.equals(body.parse()) || body.template() != null
            ? template(session, request.command(), body.template(), "template")
            : null;
    ExecuteResult result =
        automation(
            device, alias, actor, () -> registry.track(() -> execute(session, request, actor)));
    return ExecuteCommandResponse.of(
        result, template == null ? null : parsed(session, template, result));
  }

  ExecuteBatchResponse executeBatch(
      String device, String alias, ExecuteBatchRequest body, String actor) {
    if (body == null || body.commands() == null || body.commands().isEmpty()) {
      throw CliRequests.invalid("commands", "needs at least one command");
    }
    List<ExecuteRequest> requests = new ArrayList<>();
    for (int i = 0; i < body.commands().size(); i++) {
      requests.add(CliRequests.command(body.commands().get(i), i, body.timeoutSeconds()));
    }
    Map<String, String> templates = body.templates() == null ? Map.of() : body.templates();
    for (String command : templates.keySet()) {
      if (!body.commands().contains(command)) {
        throw CliRequests.invalid("templates", "names a command not in commands: " + command);
      }
    }
    boolean stopOnError = body.stopOnError() == null || body.stopOnError();
    ManagedSession session = session(device, alias);
    List<Planned> planned = new ArrayList<>();
    for (ExecuteRequest request : requests) {
      String name = templates.get(request.command());
      planned.add(
          new Planned(
              request,
              name != null || Boolean.TRUE.equals(body.parse())
                  ? template(session, request.command(), name, "templates")
                  : null));
    }
    return automation(
        device,
        alias,
        actor,
        () -> registry.track(() -> runBatch(session, planned, stopOnError, actor)));
  }

  ConfigureDeviceResponse configure(
      String device, String alias, ConfigureDeviceRequest body, String actor) {
    ConfigureRequest request = CliRequests.configure(body);
    ManagedSession session = session(device, alias);
    return ConfigureDeviceResponse.of(
        automation(
            device, alias, actor, () -> registry.track(() -> configure(session, request, actor))));
  }

  /** Runs one command, metered and audited. */
  private ExecuteResult execute(ManagedSession session, ExecuteRequest request, String actor) {
    String device = session.target().device();
    try {
      ExecuteResult result = metrics.record("execute", () -> session.execute(request));
      audit.executed(actor, device, session.alias(), request.command(), null);
      return result;
    } catch (RuntimeException e) {
      audit.executed(actor, device, session.alias(), request.command(), e);
      throw e;
    }
  }

  private ConfigureResult configure(
      ManagedSession session, ConfigureRequest request, String actor) {
    String device = session.target().device();
    try {
      ConfigureResult result = metrics.record("configure", () -> session.configure(request));
      audit.configured(actor, device, session.alias(), request.lines(), null);
      return result;
    } catch (RuntimeException e) {
      audit.configured(actor, device, session.alias(), request.lines(), e);
      throw e;
    }
  }

  private <T> T automation(String device, String alias, String actor, Supplier<T> call) {
    listeners().forEach(listener -> listener.automationStarted(device, alias, actor));
    try {
      return call.get();
    } finally {
      listeners().forEach(listener -> listener.automationFinished(device, alias));
    }
  }

  /**
   * The {@link SessionActivity} beans, looked up once on first use (every execute tells them; a
   * lookup per call cost a bean-factory search) and lazily because they depend on this service.
   */
  private List<SessionActivity> listeners() {
    List<SessionActivity> resolved = listeners;
    if (resolved == null) {
      resolved = activity.orderedStream().toList();
      listeners = resolved;
    }
    return resolved;
  }

  private ExecuteBatchResponse runBatch(
      ManagedSession session, List<Planned> requests, boolean stopOnError, String actor) {
    List<BatchItem> results = new ArrayList<>();
    boolean failed = false;
    for (Planned planned : requests) {
      ExecuteRequest request = planned.request();
      try {
        ExecuteResult result = execute(session, request, actor);
        Parsed parsed =
            planned.template() == null ? null : parsed(session, planned.template(), result);
        results.add(
            new BatchItem(
                request.command(),
                true,
                result.output(),
                result.prompt(),
                result.elapsedMs(),
                null,
                null,
                parsed == null ? null : parsed.records(),
                parsed == null ? null : parsed.template(),
                parsed == null ? null : parsed.warning()));
      } catch (PatchbayException e) {
        failed = true;
        Object output = e.properties().get("output");
        results.add(
            new BatchItem(
                request.command(),
                false,
                output == null ? "" : output.toString(),
                null,
                0,
                e.type().uri(),
                SecretMasker.mask(e.getMessage()),
                null,
                null,
                null));
        if (stopOnError) {
          break;
        }
      }
    }
    return new ExecuteBatchResponse(results, !failed && results.size() == requests.size());
  }

  /** The template for {@code command} on the session's device, chosen before the command runs. */
  private Optional<ParseTemplate> template(
      ManagedSession session, String command, String name, String field) {
    SessionTarget target = session.target();
    return parser.choose(target.os(), target.platform(), command, name, field);
  }

  /** The output parsed; a {@code parse-failed} problem carries the output, which is not lost. */
  private Parsed parsed(
      ManagedSession session, Optional<ParseTemplate> template, ExecuteResult result) {
    SessionTarget target = session.target();
    try {
      return parser.parse(
          template, target.os(), target.platform(), result.command(), result.output());
    } catch (PatchbayException e) {
      Map<String, Object> properties = new LinkedHashMap<>(e.properties());
      properties.put("output", result.output());
      throw new PatchbayException(e.type(), e.getMessage(), e.errors(), properties);
    }
  }

  private ManagedSession session(String device, String alias) {
    return registry
        .existing(device)
        .map(manager -> manager.session(alias))
        .orElseGet(
            () -> {
              source.requireDevice(device);
              return registry.manager(device).session(alias);
            });
  }
}
