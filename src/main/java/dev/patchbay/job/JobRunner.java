package dev.patchbay.job;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import dev.patchbay.inventory.DeviceWriteGuard;
import dev.patchbay.manager.ConfigureDeviceResponse;
import dev.patchbay.manager.DeviceAutomation;
import dev.patchbay.manager.ExecuteCommandRequest;
import dev.patchbay.manager.ExecuteCommandResponse;
import dev.patchbay.security.masking.SecretMasker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs jobs on virtual threads: at most {@code concurrency} devices of a job at once, each device's
 * work through {@link DeviceAutomation} (the calls REST makes, so audited and recorded alike),
 * every state change stored and published as an event, and the webhook called at the end. A
 * device's failure is its own result; the job goes on unless {@code stopOnError}.
 */
@Component
class JobRunner implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

  private final DeviceAutomation automation;
  private final DeviceWriteGuard guard;
  private final JobStore store;
  private final JobEvents events;
  private final WebhookSender webhooks;
  private final JobProperties properties;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, JobRun> running = new ConcurrentHashMap<>();
  private final MeterRegistry meters;

  JobRunner(
      DeviceAutomation automation,
      DeviceWriteGuard guard,
      JobStore store,
      JobEvents events,
      WebhookSender webhooks,
      JobProperties properties,
      MeterRegistry meters) {
    this.automation = automation;
    this.guard = guard;
    this.store = store;
    this.events = events;
    this.webhooks = webhooks;
    this.properties = properties;
    this.meters = meters;
    Gauge.builder("patchbay.jobs.running", running, Map::size)
        .description("Jobs this instance runs now")
        .register(meters);
  }

  /** Starts {@code run} in the background. */
  void start(JobRun run) {
    meters.counter("patchbay.jobs.started").increment();
    running.put(run.id, run);
    events.started(run.id);
    threads.submit(() -> coordinate(run));
  }

  /** Cancels a job this instance runs; false if it runs none of that id. */
  boolean cancel(String id) {
    JobRun run = running.get(id);
    return run != null && run.cancel();
  }

  private void coordinate(JobRun run) {
    Instant started = Instant.now();
    store.started(run.id, started);
    Semaphore slots = new Semaphore(run.concurrency);
    JobDeviceState[] states = new JobDeviceState[run.devices.size()];
    java.util.Arrays.fill(states, JobDeviceState.QUEUED);
    List<java.util.concurrent.Future<?>> work = new ArrayList<>();
    try {
      for (int i = 0; i < run.devices.size(); i++) {
        slots.acquire();
        int position = i;
        String halt = run.haltReason();
        if (halt != null) {
          slots.release();
          publish(run, position, states, notRun(run.devices.get(position), halt));
          continue;
        }
        work.add(
            threads.submit(
                () -> {
                  try {
                    device(run, position, states);
                  } finally {
                    slots.release();
                  }
                }));
      }
      for (java.util.concurrent.Future<?> future : work) {
        future.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      run.cancel();
    } catch (Exception e) {
      log.error("job {}: unexpected failure", run.id, e);
    } finally {
      end(run, states, started);
    }
  }

  private void device(JobRun run, int position, JobDeviceState[] states) {
    String device = run.devices.get(position);
    String halt = run.haltReason();
    if (halt != null) {
      publish(run, position, states, notRun(device, halt));
      return;
    }
    Instant started = Instant.now();
    publish(
        run,
        position,
        states,
        new JobDeviceResult(device, JobDeviceState.RUNNING, null, null, null, null, started, null));
    JobDeviceResult result;
    try {
      result = work(run, device, started);
    } catch (RuntimeException e) {
      result = failed(device, null, List.of(), e, started);
    }
    if (result.state() == JobDeviceState.FAILED && run.stopOnError) {
      run.stop();
    }
    publish(run, position, states, result);
  }

  /** Opens or reuses the session, does the work, closes a transient session. */
  private JobDeviceResult work(JobRun run, String device, Instant started) {
    guard.checkWrite(device, run.lease);
    Instant deadline = run.deviceTimeout == null ? null : started.plus(run.deviceTimeout);
    if (run.kind == JobKind.CONNECT) {
      String alias =
          run.request.alias() != null ? run.request.alias() : automation.defaultAlias(device);
      if (!automation.hasSession(device, alias)) {
        automation.open(device, alias, run.actor);
      }
      return new JobDeviceResult(
          device, JobDeviceState.SUCCEEDED, alias, null, null, null, started, Instant.now());
    }
    String alias = run.request.alias();
    boolean transientSession = alias == null || !automation.hasSession(device, alias);
    if (alias == null) {
      alias = "job_" + run.id.replace("-", "").substring(0, 12);
    }
    if (transientSession) {
      automation.open(device, alias, run.actor);
    }
    List<CommandOutcome> outcomes = new ArrayList<>();
    try {
      return run(run, device, alias, deadline, outcomes, started);
    } catch (RuntimeException e) {
      return failed(device, alias, outcomes, e, started);
    } finally {
      if (transientSession) {
        close(run, device, alias);
      }
    }
  }

  private JobDeviceResult run(
      JobRun run,
      String device,
      String alias,
      Instant deadline,
      List<CommandOutcome> outcomes,
      Instant started) {
    int limit = properties.outputLimitBytes();
    if (run.kind == JobKind.CONFIGURE) {
      String what = "configure (" + run.request.configure().size() + " lines)";
      try {
        ConfigureDeviceResponse done =
            automation.configure(
                device, alias, run.request.configure(), left(run, deadline, what), run.actor);
        outcomes.add(CommandOutcome.ok(what, done.output(), null, done.elapsedMs(), limit));
      } catch (PatchbayException e) {
        outcomes.add(
            CommandOutcome.failed(
                what, output(e), e.type().uri().toString(), e.getMessage(), limit));
        return failed(device, alias, outcomes, e, started);
      }
      return succeeded(device, alias, outcomes, started);
    }
    for (ExecuteCommandRequest command : run.request.commands()) {
      if (run.cancelled()) {
        return new JobDeviceResult(
            device,
            JobDeviceState.CANCELLED,
            alias,
            outcomes,
            null,
            "the job was cancelled before '" + command.command() + "'",
            started,
            Instant.now());
      }
      try {
        ExecuteCommandResponse done =
            automation.execute(
                device,
                alias,
                command,
                left(run, deadline, command.command()),
                run::cancelled,
                run.actor);
        outcomes.add(CommandOutcome.ok(done, limit));
      } catch (PatchbayException e) {
        outcomes.add(
            CommandOutcome.failed(
                command.command(), output(e), e.type().uri().toString(), e.getMessage(), limit));
        if (run.cancelled() && e.type() == ProblemType.TIMEOUT) {
          return new JobDeviceResult(
              device,
              JobDeviceState.CANCELLED,
              alias,
              List.copyOf(outcomes),
              null,
              "the job was cancelled during '" + command.command() + "'",
              started,
              Instant.now());
        }
        return failed(device, alias, outcomes, e, started);
      }
    }
    return succeeded(device, alias, outcomes, started);
  }

  /** What is left of the device's time before {@code what}; a timeout problem if nothing is. */
  private static Duration left(JobRun run, Instant deadline, String what) {
    if (deadline == null) {
      return null;
    }
    Duration left = Duration.between(Instant.now(), deadline);
    if (left.isNegative() || left.isZero()) {
      throw new PatchbayException(
          ProblemType.TIMEOUT,
          "the device's timeout of "
              + run.deviceTimeout.toSeconds()
              + " s ran out before '"
              + what
              + "'");
    }
    return left;
  }

  private void close(JobRun run, String device, String alias) {
    try {
      automation.close(device, alias, run.actor);
    } catch (RuntimeException e) {
      log.debug("job {}: closing {}/{}: {}", run.id, device, alias, e.getMessage());
    }
  }

  private static JobDeviceResult succeeded(
      String device, String alias, List<CommandOutcome> outcomes, Instant started) {
    return new JobDeviceResult(
        device,
        JobDeviceState.SUCCEEDED,
        alias,
        List.copyOf(outcomes),
        null,
        null,
        started,
        Instant.now());
  }

  private static JobDeviceResult failed(
      String device,
      String alias,
      List<CommandOutcome> outcomes,
      RuntimeException e,
      Instant started) {
    ProblemType type = e instanceof PatchbayException p ? p.type() : ProblemType.INTERNAL;
    String detail =
        e instanceof PatchbayException
            ? SecretMasker.mask(e.getMessage())
            : "an unexpected error occurred; see the logs";
    if (!(e instanceof PatchbayException)) {
      log.error("job step on {} failed unexpectedly", device, e);
    }
    return new JobDeviceResult(
        device,
        JobDeviceState.FAILED,
        alias,
        List.copyOf(outcomes),
        type.uri().toString(),
        detail,
        started,
        Instant.now());
  }

  private static JobDeviceResult notRun(String device, String why) {
    Instant now = Instant.now();
    return new JobDeviceResult(device, JobDeviceState.CANCELLED, null, null, null, why, null, now);
  }

  private static String output(PatchbayException e) {
    Object output = e.properties().get("output");
    return output == null ? "" : output.toString();
  }

  private void publish(JobRun run, int position, JobDeviceState[] states, JobDeviceResult result) {
    store.device(run.id, position, result);
    JobCounts counts;
    synchronized (states) {
      states[position] = result.state();
      counts = JobCounts.of(List.of(states));
    }
    events.publish(JobEvent.device(run.id, result, counts));
  }

  private void end(JobRun run, JobDeviceState[] states, Instant started) {
    JobCounts counts;
    synchronized (states) {
      counts = JobCounts.of(List.of(states));
    }
    JobState state;
    String reason = null;
    if (run.cancelled()) {
      state = JobState.CANCELLED;
      reason = "cancelled by a client";
    } else if (counts.succeeded() == counts.total()) {
      state = JobState.SUCCEEDED;
    } else if (counts.succeeded() == 0) {
      state = JobState.FAILED;
      reason = counts.failed() + " of " + counts.total() + " devices failed";
    } else {
      state = JobState.PARTIAL;
      reason =
          counts.succeeded()
              + " of "
              + counts.total()
              + " devices succeeded, "
              + counts.failed()
              + " failed, "
              + counts.cancelled()
              + " not run";
    }
    Instant finished = Instant.now();
    store.finished(run.id, state, reason, finished);
    running.remove(run.id);
    Timer.builder("patchbay.jobs.duration")
        .description("Jobs ended, by final state, and how long they ran")
        .tag("state", state.name().toLowerCase(java.util.Locale.ROOT))
        .register(meters)
        .record(java.time.Duration.between(started, finished));
    events.publish(JobEvent.end(run.id, state, counts));
    if (run.request.webhook() != null) {
      store
          .find(run.id)
          .ifPresent(
              job ->
                  store.webhookStatus(
                      run.id, webhooks.deliver(run.request.webhook(), job.withoutDevices())));
    }
  }

  @Override
  public void destroy() {
    running.values().forEach(JobRun::cancel);
    threads.shutdownNow();
  }
}
