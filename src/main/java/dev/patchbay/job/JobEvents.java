package dev.patchbay.job;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The live events of the jobs this instance runs. Each running job replays its events to late
 * subscribers and completes after its {@code end} event; an ended job has no stream here (its state
 * is read from the store instead).
 */
@Component
class JobEvents {

  private final Map<String, Sinks.Many<JobEvent>> running = new ConcurrentHashMap<>();

  void started(String job) {
    running.put(job, Sinks.many().replay().all());
  }

  void publish(JobEvent event) {
    Sinks.Many<JobEvent> sink = running.get(event.job());
    if (sink != null) {
      synchronized (sink) {
        sink.tryEmitNext(event);
        if (event.last()) {
          sink.tryEmitComplete();
          running.remove(event.job());
        }
      }
    }
  }

  /** The events of a job this instance runs, from its first; empty when it does not run it. */
  Optional<Flux<JobEvent>> live(String job) {
    return Optional.ofNullable(running.get(job)).map(Sinks.Many::asFlux);
  }

  /** Completes when the job ends, or after {@code wait}, whichever comes first. */
  Mono<Void> awaitEnd(String job, Duration wait) {
    return live(job)
        .map(flux -> flux.filter(JobEvent::last).next().then())
        .orElse(Mono.empty())
        .timeout(wait, Mono.empty());
  }
}
