package dev.patchbay.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Who may attach a terminal: the handshake needs a token (header) or a single-use ticket, a page of
 * another origin is refused, and a VIEWER watches but can neither write nor open a session.
 */
class TerminalAuthTest extends TerminalTestSupport {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void aHandshakeWithoutCredentialsOrFromAnotherOriginIsRefused() {
    String device = registerDevice("ws-auth");
    openSession(device, "default");
    URI uri = terminal(device, "default", "");

    assertThat(handshakeError(uri, new HttpHeaders())).contains("401");
    assertThat(handshakeError(uri, TestViewer.headers("pb_not-a-token"))).contains("401");

    HttpHeaders foreign = TestViewer.headers(tokenFor("olivia", "OPERATOR"));
    foreign.set(HttpHeaders.ORIGIN, "https://evil.example");
    assertThat(handshakeError(uri, foreign)).contains("403");

    HttpHeaders sameOrigin = TestViewer.headers(tokenFor("olivia", "OPERATOR"));
    sameOrigin.set(HttpHeaders.ORIGIN, "http://127.0.0.1:" + port);
    try (TestViewer viewer = TestViewer.connect(uri, sameOrigin)) {
      viewer.awaitStatus(s -> s.path("viewers").asInt() >= 1, WAIT);
    }
  }

  @Test
  void aTicketOpensOneTerminalOnceUnderItsTokensName() {
    String device = registerDevice("ws-ticket");
    openSession(device, "default");
    String ticket =
        JSON.readTree(
                client
                    .post()
                    .uri("/api/v1/auth/tickets")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokenFor("tina", "OPERATOR"))
                    .exchange()
                    .expectStatus()
                    .isCreated()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody())
            .path("ticket")
            .asString();
    URI withTicket = terminal(device, "default", "ticket=" + ticket);

    try (TestViewer viewer = TestViewer.connect(withTicket, new HttpHeaders())) {
      viewer.control("{\"type\": \"request-write\"}");
      JsonNode granted = viewer.awaitStatus(s -> s.path("writable").asBoolean(), WAIT);
      assertThat(granted.path("writerName").asString()).isEqualTo("tina");
    }
    assertThat(handshakeError(withTicket, new HttpHeaders())).as("a spent ticket").contains("401");
  }

  @Test
  void aViewerWatchesButCannotWriteOrOpen() {
    String device = registerDevice("ws-viewer");
    openSession(device, "default");
    HttpHeaders viewerToken = TestViewer.headers(tokenFor("vera", "VIEWER"));

    try (TestViewer viewer = TestViewer.connect(terminal(device, "default", ""), viewerToken)) {
      viewer.awaitStatus(s -> s.path("viewers").asInt() == 1, WAIT);
      execute(device, "default", "show clock");
      viewer.awaitOutput("show clock", WAIT);

      viewer.control("{\"type\": \"request-write\"}");
      JsonNode refused =
          viewer.awaitMessage(m -> "forbidden".equals(m.path("code").asString()), WAIT, "refusal");
      assertThat(refused.path("message").asString()).contains("needs OPERATOR");
      assertThat(viewer.lastStatus().path("writable").asBoolean()).isFalse();
    }

    try (TestViewer opener =
        TestViewer.connect(terminal(device, "viewer-opened", "open=true"), viewerToken)) {
      opener.awaitMessage(m -> "forbidden".equals(m.path("code").asString()), WAIT, "open refused");
    }
  }

  /** The handshake's failure message (it names the HTTP status), or "" when it succeeded. */
  private static String handshakeError(URI uri, HttpHeaders headers) {
    return new ReactorNettyWebSocketClient()
        .execute(uri, headers, session -> session.close())
        .then(Mono.just(""))
        .onErrorResume(e -> Mono.just(String.valueOf(e.getMessage())))
        .block(WAIT);
  }
}
