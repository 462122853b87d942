package dev.patchbay.idempotency;

import dev.patchbay.api.FieldProblem;
import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import dev.patchbay.common.Blocking;
import dev.patchbay.security.secrets.CredentialCipher;
import dev.patchbay.security.token.TokenPrincipal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} for creating POSTs: the first request with a key runs; a retry with the
 * same key, token, route and body gets the first response again (status, {@code Location}, body,
 * and {@code Idempotent-Replayed: true}), so a lost 201 costs nothing; the same key with another
 * route or body is refused (422), and while the first still runs a retry gets 409. Only successes
 * are kept (for {@code patchbay.idempotency.retention}); a failed first request frees its key.
 */
@Component
public class IdempotentRequests {

  /** The request header. */
  public static final String HEADER = "Idempotency-Key";

  /** Set on a replayed response. */
  public static final String REPLAYED = "Idempotent-Replayed";

  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

  private final IdempotencyStore store;
  private final IdempotencyProperties properties;
  private final CredentialCipher cipher;
  private final JsonMapper json;
  private final Blocking blocking;
  private final Clock clock = Clock.systemUTC();

  IdempotentRequests(
      IdempotencyStore store,
      IdempotencyProperties properties,
      CredentialCipher cipher,
      JsonMapper json,
      Blocking blocking) {
    this.store = store;
    this.properties = properties;
    this.cipher = cipher;
    this.json = json;
    this.blocking = blocking;
  }

  /**
   * Runs {@code action} once per key: without a key it simply runs.
   *
   * @param route the method and path, so that a key reused on another route is refused
   * @param type the response body's type, to replay it as the handler would answer
   */
  public <T> Mono<ResponseEntity<T>> once(
      String key,
      TokenPrincipal caller,
      String route,
      Object body,
      Class<T> type,
      Supplier<Mono<ResponseEntity<T>>> action) {
    if (key == null) {
      return action.get();
    }
    if (!KEY.matcher(key).matches()) {
      return Mono.error(
          PatchbayException.invalid(
              "the Idempotency-Key header must be 1 to 255 visible ASCII characters",
              List.of(new FieldProblem(HEADER, "1 to 255 visible ASCII characters"))));
    }
    long token = caller.tokenId();
    String fingerprint = fingerprint(route, body);
    Instant now = clock.instant();
    return blocking
        .call(
            () ->
                store.reserve(token, key, fingerprint, now, now.plus(properties.pendingTimeout())))
        .flatMap(
            found ->
                found.isPresent()
                    ? replay(found.get(), fingerprint, type)
                    : first(token, key, action));
  }

  private <T> Mono<ResponseEntity<T>> first(
      long token, String key, Supplier<Mono<ResponseEntity<T>>> action) {
    return Mono.defer(action)
        .flatMap(
            response ->
                blocking.call(
                    () -> {
                      if (response.getStatusCode().is2xxSuccessful()) {
                        URI location = response.getHeaders().getLocation();
                        store.complete(
                            token,
                            key,
                            response.getStatusCode().value(),
                            location == null ? null : location.toString(),
                            cipher.seal(json.writeValueAsString(response.getBody())),
                            clock.instant().plus(properties.retention()));
                      } else {
                        store.forget(token, key);
                      }
                      return response;
                    }))
        .onErrorResume(
            failure -> blocking.run(() -> store.forget(token, key)).then(Mono.error(failure)));
  }

  private <T> Mono<ResponseEntity<T>> replay(
      IdempotencyStore.Entry entry, String fingerprint, Class<T> type) {
    if (!entry.fingerprint().equals(fingerprint)) {
      return Mono.error(
          new PatchbayException(
              ProblemType.IDEMPOTENCY_KEY_REUSED,
              "this Idempotency-Key was used with another request (route or body); use a new"
                  + " key for a new request"));
    }
    if (entry.status() == null) {
      return Mono.error(
          new PatchbayException(
              ProblemType.IDEMPOTENCY_IN_PROGRESS,
              "the first request with this Idempotency-Key is still running; retry later"));
    }
    ResponseEntity.BodyBuilder response =
        ResponseEntity.status(entry.status()).header(REPLAYED, "true");
    Optional.ofNullable(entry.location()).map(URI::create).ifPresent(response::location);
    return Mono.just(response.body(json.readValue(cipher.open(entry.sealedBody()), type)));
  }

  /** Hex SHA-256 of the route and the body as the handler received it. */
  private String fingerprint(String route, Object body) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(route.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) '\n');
      digest.update(json.writeValueAsBytes(body));
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }

  /** Deletes expired records now and then; a live key is also checked for expiry on use. */
  @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
  void purge() {
    store.purge(clock.instant());
  }
}
