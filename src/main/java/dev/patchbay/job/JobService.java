package dev.patchbay.job;

import dev.patchbay.api.FieldProblem;
import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import dev.patchbay.audit.AuditLog;
import dev.patchbay.audit.AuditOutcome;
import dev.patchbay.inventory.DeviceWriteGuard;
import dev.patchbay.manager.ConfigureDeviceRequest;
import dev.patchbay.manager.DeviceAutomation;
import dev.patchbay.manager.ExecuteCommandRequest;
import dev.patchbay.security.token.TokenPrincipal;
import dev.patchbay.web.LeaseCredentials;
import dev.patchbay.web.PageResponse;
import dev.patchbay.web.Paging;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Job use cases behind the REST API. Everything a job could be refused for (target, work,
 * concurrency, webhook host, scope, leases) is checked before anything runs; what fails later is a
 * per-device result. Blocking: call through {@link dev.patchbay.common.Blocking}.
 */
@Service
class JobService {

  private static final Pattern ALIAS = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

  private final JobTargets targets;
  private final JobStore store;
  private final JobRunner runner;
  private final WebhookSender webhooks;
  private final DeviceWriteGuard guard;
  private final JobProperties properties;
  private final AuditLog audit;

  JobService(
      JobTargets targets,
      JobStore store,
      JobRunner runner,
      WebhookSender webhooks,
      DeviceWriteGuard guard,
      JobProperties properties,
      AuditLog audit) {
    this.targets = targets;
    this.store = store;
    this.runner = runner;
    this.webhooks = webhooks;
    this.guard = guard;
    this.properties = properties;
    this.audit = audit;
  }

  JobResponse create(JobRequest body, String actor, TokenPrincipal caller, LeaseCredentials lease) {
    if (body == null) {
      throw invalid("body", "a job needs a target and, optionally, work");
    }
    checkWork(body);
    int concurrency =
        body.concurrency() == null
            ? properties.defaultConcurrency()
            : range("concurrency", body.concurrency(), 1, properties.maxConcurrency());
    if (body.deviceTimeoutSeconds() != null) {
      range("deviceTimeoutSeconds", body.deviceTimeoutSeconds(), 1, 86_400);
    }
    if (body.alias() != null && !ALIAS.matcher(body.alias()).matches()) {
      throw invalid("alias", "must be an identifier: a letter or _, then letters, digits or _");
    }
    checkWebhook(body.webhook());
    JobTargets.Targets target = targets.resolve(body, properties.maxDevices());
    if (caller != null && caller.scoped()) {
      for (String testbed : target.testbeds()) {
        if (!caller.reaches(testbed.isEmpty() ? null : testbed)) {
          throw new PatchbayException(
              ProblemType.FORBIDDEN,
              "token '"
                  + caller.name()
                  + "' is limited to testbeds "
                  + caller.testbeds()
                  + " and cannot reach "
                  + (testbed.isEmpty() ? "devices in no testbed" : "testbed '" + testbed + "'"));
        }
      }
    }
    for (String device : target.devices()) {
      guard.checkWrite(device, lease);
    }
    String id = UUID.randomUUID().toString();
    store.insert(id, body.kind(), actor, body, target.devices(), target.testbeds(), Instant.now());
    audit.record(
        actor,
        "job.start",
        target.devices(),
        AuditOutcome.SUCCESS,
        "job "
            + id
            + ": "
            + body.kind().name().toLowerCase()
            + " on "
            + target.devices().size()
            + " devices");
    runner.start(new JobRun(id, body, target.devices(), actor, lease, concurrency));
    return get(id, caller);
  }

  JobResponse get(String id, TokenPrincipal caller) {
    JobResponse job = store.find(id).orElseThrow(() -> PatchbayException.notFound("job", id));
    requireReach(id, caller);
    return job;
  }

  PageResponse<JobResponse> list(JobState state, int page, int size, TokenPrincipal caller) {
    Paging.check(page, size);
    List<JobResponse> visible = new ArrayList<>();
    for (JobStore.Listed listed : store.list(state)) {
      if (reaches(caller, listed.testbeds())) {
        visible.add(listed.job());
      }
    }
    int from = Math.min(visible.size(), page * size);
    int to = Math.min(visible.size(), from + size);
    return new PageResponse<>(
        List.copyOf(visible.subList(from, to)),
        page,
        size,
        visible.size(),
        (visible.size() + size - 1) / size);
  }

  JobResponse cancel(String id, String actor, TokenPrincipal caller) {
    JobResponse job = get(id, caller);
    if (job.state().ended()) {
      throw PatchbayException.conflict("job " + id + " already ended: " + job.state());
    }
    if (!runner.cancel(id)) {
      throw PatchbayException.conflict("job " + id + " is already being cancelled");
    }
    audit.record(actor, "job.cancel", List.of(), AuditOutcome.SUCCESS, "job " + id);
    return job;
  }

  /** 404, as if absent, for a job outside a scoped caller's testbeds. */
  void requireReach(String id, TokenPrincipal caller) {
    List<String> testbeds = store.testbeds(id).orElse(List.of());
    if (!reaches(caller, testbeds)) {
      throw PatchbayException.notFound("job", id);
    }
  }

  private static boolean reaches(TokenPrincipal caller, List<String> testbeds) {
    return caller == null
        || !caller.scoped()
        || testbeds.stream().allMatch(t -> caller.reaches(t.isEmpty() ? null : t));
  }

  private void checkWork(JobRequest body) {
    boolean commands = body.commands() != null && !body.commands().isEmpty();
    boolean configure = body.configure() != null && !body.configure().isEmpty();
    if (commands && configure) {
      throw invalid("configure", "give commands or configure lines, not both");
    }
    if (commands) {
      for (int i = 0; i < body.commands().size(); i++) {
        ExecuteCommandRequest command = body.commands().get(i);
        if (command == null || command.command() == null || command.command().isBlank()) {
          throw invalid("commands[" + i + "].command", "is required");
        }
        DeviceAutomation.check(command);
      }
    }
    if (configure) {
      DeviceAutomation.check(new ConfigureDeviceRequest(body.configure(), null));
    }
  }

  private void checkWebhook(JobWebhook webhook) {
    if (webhook == null) {
      return;
    }
    URI url;
    try {
      url = webhook.url() == null ? null : new URI(webhook.url());
    } catch (java.net.URISyntaxException e) {
      url = null;
    }
    if (url == null
        || url.getHost() == null
        || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
      throw invalid("webhook.url", "must be an http or https URL with a host");
    }
    if (!webhooks.allows(url.getHost())) {
      throw invalid(
          "webhook.url",
          "host '"
              + url.getHost()
              + "' is not one webhooks may reach"
              + " (patchbay.jobs.webhooks.allowed-hosts)");
    }
    if (webhook.secret() == null || webhook.secret().length() < 16) {
      throw invalid("webhook.secret", "is required: at least 16 characters to sign deliveries");
    }
  }

  private static int range(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw invalid(field, "must be from " + min + " to " + max);
    }
    return value;
  }

  private static PatchbayException invalid(String field, String message) {
    return PatchbayException.invalid(
        "the job is invalid: " + field + " " + message, List.of(new FieldProblem(field, message)));
  }
}
