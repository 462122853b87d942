package dev.patchbay.job;

import static dev.patchbay.web.OpenApiConfiguration.CONFLICT;
import static dev.patchbay.web.OpenApiConfiguration.IDEMPOTENCY_KEY_PARAMETER;
import static dev.patchbay.web.OpenApiConfiguration.IDEMPOTENCY_KEY_REUSED;
import static dev.patchbay.web.OpenApiConfiguration.LOCKED;

import dev.patchbay.audit.AsActor;
import dev.patchbay.common.Blocking;
import dev.patchbay.idempotency.IdempotentRequests;
import dev.patchbay.security.token.TokenPrincipal;
import dev.patchbay.web.LeaseCredentials;
import dev.patchbay.web.PageResponse;
import dev.patchbay.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code /api/v1/jobs}: one call runs commands, configuration or a connect across many devices in
 * parallel; read it (long-polling with {@code wait}), follow it as server-sent events, cancel it.
 */
@RestController
@RequestMapping("/api/v1/jobs")
@Tag(name = "Jobs", description = "Commands across many devices, with per-device results")
public class JobController {

  private static final int MAX_WAIT_SECONDS = 300;

  private final JobService service;
  private final JobStore store;
  private final JobEvents events;
  private final Blocking blocking;
  private final AsActor asActor;
  private final IdempotentRequests idempotent;

  JobController(
      JobService service,
      JobStore store,
      JobEvents events,
      Blocking blocking,
      AsActor asActor,
      IdempotentRequests idempotent) {
    this.service = service;
    this.store = store;
    this.events = events;
    this.blocking = blocking;
    this.idempotent = idempotent;
    this.asActor = asActor;
  }

  @PostMapping(
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "startJob",
      summary = "Start a job across devices; answers at once with the queued job",
      description =
          "Everything a job could be refused for is checked first: target (unknown devices are"
              + " listed), work, concurrency, webhook host, the token's testbeds and leases (one"
              + " lease may cover every device). Later failures are per-device results.")
  @ApiResponse(responseCode = "202", description = "Accepted; Location is the job")
  @ProblemResponses.Body
  @ProblemResponses.NotFound
  @ApiResponse(responseCode = "422", ref = IDEMPOTENCY_KEY_REUSED)
  @ApiResponse(responseCode = "423", ref = LOCKED)
  Mono<ResponseEntity<JobResponse>> start(
      @RequestBody JobRequest body,
      @Parameter(hidden = true) LeaseCredentials lease,
      @Parameter(ref = IDEMPOTENCY_KEY_PARAMETER)
          @RequestHeader(name = IdempotentRequests.HEADER, required = false)
          String idempotencyKey,
      @AuthenticationPrincipal TokenPrincipal caller) {
    return idempotent.once(
        idempotencyKey,
        caller,
        "POST /api/v1/jobs",
        body,
        JobResponse.class,
        () ->
            asActor
                .call(actor -> service.create(body, actor, caller, lease))
                .map(
                    job ->
                        ResponseEntity.accepted()
                            .location(URI.create("/api/v1/jobs/" + job.id()))
                            .body(job)));
  }

  @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "getJob",
      summary = "Read a job with one result per device; wait long-polls until it ends")
  @ApiResponse(responseCode = "200", description = "The job")
  @ProblemResponses.NotFound
  Mono<JobResponse> get(
      @PathVariable String id,
      @Parameter(description = "Seconds to wait for the job to end (0..300)")
          @RequestParam(defaultValue = "0")
          int wait,
      @AuthenticationPrincipal TokenPrincipal caller) {
    int seconds = Math.clamp(wait, 0, MAX_WAIT_SECONDS);
    return blocking
        .run(() -> service.requireReach(id, caller))
        .then(seconds == 0 ? Mono.empty() : events.awaitEnd(id, Duration.ofSeconds(seconds)))
        .then(blocking.call(() -> service.get(id, caller)));
  }

  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "listJobs",
      summary = "List jobs, newest first (without per-device results)")
  @ApiResponse(responseCode = "200", description = "A page of jobs")
  @ProblemResponses.Query
  Mono<PageResponse<JobResponse>> list(
      @Parameter(description = "Only jobs in this state") @RequestParam(required = false)
          JobState state,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size,
      @AuthenticationPrincipal TokenPrincipal caller) {
    return blocking.call(() -> service.list(state, page, size, caller));
  }

  @DeleteMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "cancelJob",
      summary =
          "Cancel a job: devices not started are not run, running ones stop after their command")
  @ApiResponse(responseCode = "202", description = "Cancelling; read the job for its end")
  @ProblemResponses.NotFound
  @ApiResponse(responseCode = "409", ref = CONFLICT)
  Mono<ResponseEntity<JobResponse>> cancel(
      @PathVariable String id, @AuthenticationPrincipal TokenPrincipal caller) {
    return asActor
        .call(actor -> service.cancel(id, actor, caller))
        .map(job -> ResponseEntity.accepted().body(job));
  }

  @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @Operation(
      operationId = "followJob",
      summary = "Follow a job as server-sent events: one per device state change, then 'end'",
      description = "Usable with curl -N. A job that already ended replays each device's result.")
  @ApiResponse(
      responseCode = "200",
      description = "The event stream",
      content =
          @Content(
              mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
              schema = @Schema(implementation = JobEvent.class)))
  @ProblemResponses.NotFound
  Flux<ServerSentEvent<JobEvent>> follow(
      @PathVariable String id, @AuthenticationPrincipal TokenPrincipal caller) {
    return blocking
        .call(() -> service.get(id, caller))
        .flatMapMany(job -> events.live(id).orElseGet(() -> replay(job)))
        .map(event -> ServerSentEvent.builder(event).event(event.event()).build());
  }

  /** The events of a job this instance does not run: each device's state, then its end. */
  private static Flux<JobEvent> replay(JobResponse job) {
    List<JobEvent> replayed =
        new java.util.ArrayList<>(
            job.devices().stream().map(d -> JobEvent.device(job.id(), d, job.counts())).toList());
    if (job.state().ended()) {
      replayed.add(JobEvent.end(job.id(), job.state(), job.counts()));
    }
    return Flux.fromIterable(replayed);
  }
}
