package dev.patchbay.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * Security headers on the page, CORS closed by default, request bodies bounded, and every refusal
 * at the HTTP level (firewall, request line, headers) answered with a problem.
 */
class HardeningTest extends SecurityTestSupport {

  @Test
  void thePageCarriesSecurityHeaders() {
    as(null)
        .get()
        .uri("/")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueMatches(
            "Content-Security-Policy",
            ".*script-src 'self' 'wasm-unsafe-eval';.*frame-ancestors 'none'.*")
        .expectHeader()
        .valueEquals("X-Frame-Options", "DENY")
        .expectHeader()
        .valueEquals("X-Content-Type-Options", "nosniff")
        .expectHeader()
        .valueEquals("Referrer-Policy", "no-referrer");
  }

  @Test
  void crossOriginCallsGetNoCorsPermission() {
    var preflight =
        as(null)
            .options()
            .uri("/api/v1/devices")
            .header(HttpHeaders.ORIGIN, "https://evil.example")
            .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, HttpMethod.GET.name())
            .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, HttpHeaders.AUTHORIZATION)
            .exchange()
            .returnResult(String.class);
    // Without Access-Control-Allow-Origin a browser refuses the call, whatever the status.
    assertThat(preflight.getResponseHeaders().getAccessControlAllowOrigin()).isNull();
    assertThat(preflight.getResponseHeaders().getAccessControlAllowHeaders()).isEmpty();

    var simple =
        client
            .get()
            .uri("/api/v1/devices")
            .header(HttpHeaders.ORIGIN, "https://evil.example")
            .exchange()
            .returnResult(String.class);
    assertThat(simple.getResponseHeaders().getAccessControlAllowOrigin()).isNull();
  }

  @Test
  void anOversizedBodyIsRefusedAsAProblem() {
    String huge = "{\"name\": \"" + "x".repeat(5 * 1024 * 1024) + "\"}";
    client
        .post()
        .uri("/api/v1/devices")
        .header(HttpHeaders.CONTENT_TYPE, "application/json")
        .bodyValue(huge)
        .exchange()
        .expectStatus()
        .isEqualTo(413)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo(PROBLEMS + "payload-too-large");
  }

  /** Without configured trusted proxies a client cannot choose the address it is counted under. */
  @Test
  void xForwardedForFromAnUntrustedPeerIsIgnored() {
    String forged = "198.51.100.77";
    as("Bearer pb_forged-" + java.util.UUID.randomUUID())
        .get()
        .uri("/api/v1/devices")
        .header("X-Forwarded-For", forged)
        .exchange()
        .expectStatus()
        .isUnauthorized();
    String failures =
        asToken(tokenOf("ADMIN"))
            .get()
            .uri("/api/v1/audit?action=auth.failed&size=5")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(json(failures).path("items").get(0).path("detail").asString())
        .contains("from 127.0.0.1")
        .doesNotContain(forged);
  }

  @Test
  void theFirewallsRefusalIsAProblem() throws IOException {
    try (Socket socket = connect()) {
      send(socket, "GET /api/v1/devices;name=x HTTP/1.1\r\nHost: localhost\r\n\r\n");
      RawResponse response = RawResponse.read(socket.getInputStream());
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.header("content-type")).isEqualTo("application/problem+json");
      assertThat(json(response.body()).path("type").asString())
          .isEqualTo(PROBLEMS + "request-rejected");
    }
  }

  /**
   * An over-long request line after a first request on a kept-alive connection, 20 times: each is
   * answered 414 with a problem (Reactor Netty closes such a connection; it must not reset it
   * before the answer is read).
   */
  @Test
  void anOverLongRequestLineIsAlwaysAnsweredWithAProblem() throws IOException {
    String longLine = "GET /api/v1/devices?name=" + "a".repeat(10_000) + " HTTP/1.1\r\n";
    for (int i = 0; i < 20; i++) {
      try (Socket socket = connect()) {
        send(socket, "GET /actuator/health HTTP/1.1\r\nHost: localhost\r\n\r\n");
        InputStream in = socket.getInputStream();
        assertThat(RawResponse.read(in).status()).isEqualTo(200);
        send(socket, longLine + "Host: localhost\r\n\r\n");
        RawResponse refused = RawResponse.read(in);
        assertThat(refused.status()).as("answer %d", i).isEqualTo(414);
        assertThat(refused.header("content-type")).isEqualTo("application/problem+json");
        assertThat(json(refused.body()).path("type").asString())
            .isEqualTo(PROBLEMS + "uri-too-long");
      }
    }
  }

  @Test
  void tooLargeHeadersAreAnsweredWithAProblem() throws IOException {
    try (Socket socket = connect()) {
      send(
          socket,
          "GET /actuator/health HTTP/1.1\r\nHost: localhost\r\nX-Big: "
              + "b".repeat(20_000)
              + "\r\n\r\n");
      RawResponse refused = RawResponse.read(socket.getInputStream());
      assertThat(refused.status()).isEqualTo(431);
      assertThat(refused.header("content-type")).isEqualTo("application/problem+json");
      assertThat(json(refused.body()).path("type").asString())
          .isEqualTo(PROBLEMS + "headers-too-large");
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    return socket;
  }

  private static void send(Socket socket, String request) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** One HTTP/1.1 response read off a socket: status, headers (lower-case names), body. */
  record RawResponse(int status, Map<String, String> headers, String body) {

    String header(String name) {
      return headers.get(name);
    }

    static RawResponse read(InputStream in) throws IOException {
      String statusLine = line(in);
      int status = Integer.parseInt(statusLine.split(" ")[1]);
      Map<String, String> headers = new HashMap<>();
      for (String line = line(in); !line.isEmpty(); line = line(in)) {
        int colon = line.indexOf(':');
        headers.put(
            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim());
      }
      int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
      byte[] body = in.readNBytes(length);
      return new RawResponse(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
      StringBuilder line = new StringBuilder();
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b == -1) {
          throw new EOFException("connection closed after '" + line + "'");
        }
        if (b != '\r') {
          line.append((char) b);
        }
      }
      return line.toString();
    }
  }
}
