package dev.patchbay.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.testsupport.TestApiToken;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.reactivestreams.Subscription;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A terminal viewer over a real WebSocket ({@link ReactorNettyWebSocketClient}): collects output
 * and control messages, sends input and control messages. A paused viewer reads nothing (its small
 * receive buffer fills and TCP pushes back on the server) until {@link #resume()}.
 */
final class TestViewer implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final StringBuffer output = new StringBuffer();
  private final List<JsonNode> messages = new CopyOnWriteArrayList<>();
  private final Sinks.Many<Function<WebSocketSession, WebSocketMessage>> outgoing =
      Sinks.many().unicast().onBackpressureBuffer();
  private final Sinks.Empty<Void> received = Sinks.empty();
  private final boolean paused;
  private volatile BaseSubscriber<WebSocketMessage> reader;
  private final CompletableFuture<CloseStatus> closeStatus = new CompletableFuture<>();
  private final Disposable connection;

  private TestViewer(URI uri, boolean paused, HttpHeaders headers) {
    this.paused = paused;
    HttpClient http = HttpClient.create().option(ChannelOption.SO_RCVBUF, 16 * 1024);
    connection =
        new ReactorNettyWebSocketClient(http)
            .execute(
                uri,
                headers,
                session -> {
                  session.closeStatus().subscribe(closeStatus::complete);
                  reader = new Reader();
                  session.receive().subscribe(reader);
                  Mono<Void> in = received.asMono();
                  Mono<Void> out = session.send(outgoing.asFlux().map(f -> f.apply(session)));
                  return Mono.firstWithSignal(in, out);
                })
            .doFinally(signal -> closeStatus.complete(CloseStatus.NO_STATUS_CODE))
            .subscribe(null, error -> {});
  }

  /** Attaches with the test ADMIN token. */
  static TestViewer connect(URI uri) {
    return new TestViewer(uri, false, headers(TestApiToken.ADMIN));
  }

  /** Attaches with {@code headers} as the handshake's only extra headers (none: anonymous). */
  static TestViewer connect(URI uri, HttpHeaders headers) {
    return new TestViewer(uri, false, headers);
  }

  static TestViewer connectPaused(URI uri) {
    return new TestViewer(uri, true, headers(TestApiToken.ADMIN));
  }

  static HttpHeaders headers(String token) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.AUTHORIZATION, TestApiToken.bearer(token));
    return headers;
  }

  void type(String text) {
    send(text.getBytes(StandardCharsets.UTF_8));
  }

  void send(byte[] bytes) {
    outgoing.tryEmitNext(session -> session.binaryMessage(f -> f.wrap(bytes)));
  }

  void control(String json) {
    outgoing.tryEmitNext(session -> session.textMessage(json));
  }

  void resume() {
    reader.request(Long.MAX_VALUE);
  }

  String output() {
    return output.toString();
  }

  List<JsonNode> messages() {
    return messages;
  }

  String awaitOutput(String expected, Duration timeout) {
    await(() -> output.indexOf(expected) >= 0, timeout, "output containing '" + expected + "'");
    return output();
  }

  /** How often {@code text} occurs in the output so far. */
  int outputCount(String text) {
    return output().split(Pattern.quote(text), -1).length - 1;
  }

  /** Waits until {@code expected} occurs at least {@code times} times in the output. */
  void awaitOutputCount(String expected, int times, Duration timeout) {
    await(
        () -> outputCount(expected) >= times,
        timeout,
        "output containing '" + expected + "' " + times + " times");
  }

  void awaitOutputEnding(String suffix, Duration timeout) {
    await(
        () -> {
          int length = output.length();
          return length >= suffix.length()
              && output.substring(length - suffix.length()).equals(suffix);
        },
        timeout,
        "output ending with '" + suffix + "'");
  }

  JsonNode awaitMessage(Predicate<JsonNode> matching, Duration timeout, String what) {
    await(() -> messages.stream().anyMatch(matching), timeout, what);
    return messages.stream().filter(matching).reduce((first, second) -> second).orElseThrow();
  }

  /** Waits until {@code count} messages match. */
  void awaitMessages(Predicate<JsonNode> matching, int count, Duration timeout, String what) {
    await(() -> messages.stream().filter(matching).count() >= count, timeout, what);
  }

  /** The latest status message once it matches. */
  JsonNode awaitStatus(Predicate<JsonNode> matching, Duration timeout) {
    await(
        () -> {
          JsonNode last = lastStatus();
          return last != null && matching.test(last);
        },
        timeout,
        "a matching status (last: " + lastStatus() + ")");
    return lastStatus();
  }

  JsonNode lastStatus() {
    return messages.stream()
        .filter(m -> "status".equals(m.path("type").asString()))
        .reduce((first, second) -> second)
        .orElse(null);
  }

  CloseStatus awaitClosed(Duration timeout) {
    return closeStatus
        .orTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        .join();
  }

  @Override
  public void close() {
    connection.dispose();
  }

  private void collect(WebSocketMessage message) {
    if (message.getType() == WebSocketMessage.Type.BINARY) {
      output.append(message.getPayloadAsText(StandardCharsets.UTF_8));
    } else if (message.getType() == WebSocketMessage.Type.TEXT) {
      messages.add(JSON.readTree(message.getPayloadAsText()));
    }
  }

  private static void await(Check check, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!check.ok()) {
      if (System.nanoTime() > deadline) {
        assertThat(false).as("timed out after %s waiting for %s", timeout, what).isTrue();
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** Reads everything, or (paused) one message until resumed. */
  private final class Reader extends BaseSubscriber<WebSocketMessage> {
    @Override
    protected void hookOnSubscribe(Subscription subscription) {
      subscription.request(paused ? 1 : Long.MAX_VALUE);
    }

    @Override
    protected void hookOnNext(WebSocketMessage message) {
      collect(message);
    }

    @Override
    protected void hookFinally(SignalType type) {
      received.tryEmitEmpty();
    }
  }

  private interface Check {
    boolean ok();
  }
}
