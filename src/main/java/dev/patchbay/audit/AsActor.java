package dev.patchbay.audit;

import dev.patchbay.common.Blocking;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Runs a request's blocking work on behalf of its caller. The actor is read on the reactive side,
 * where the security context lives ({@link Actors#current()}), and handed to the work on a virtual
 * thread ({@link Blocking}), which has no security context: work that records audit events takes
 * the actor as an argument.
 */
@Component
public class AsActor {

  private final Blocking blocking;

  AsActor(Blocking blocking) {
    this.blocking = blocking;
  }

  /** Defers {@code work} for the current actor; an empty result ({@code null}) completes empty. */
  public <T> Mono<T> call(Work<T> work) {
    return Actors.current().flatMap(actor -> blocking.call(() -> work.call(actor)));
  }

  /** Defers {@code work} without a result for the current actor. */
  public Mono<Void> run(Consumer<String> work) {
    return Actors.current().flatMap(actor -> blocking.run(() -> work.accept(actor)));
  }

  /** Blocking work that names who acts in its audit events. */
  @FunctionalInterface
  public interface Work<T> {
    T call(String actor) throws Exception;
  }
}
