package dev.patchbay.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The REST and WebSocket calls the scenarios make, over the JDK's HTTP client (HTTP/1.1, kept-alive
 * connections). Every request and handshake carries {@code Authorization: Bearer <token>}.
 */
final class PatchbayClient {

  /** A granted lease: its id and the token that must accompany its release. */
  record Lease(long id, String token) {}

  private static final Pattern LEASE_ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
  private static final Pattern LEASE_TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final URI base;
  private final String authorization;

  PatchbayClient(URI base, String token) {
    this.base = base;
    this.authorization = "Bearer " + token;
  }

  /** Registers an IOS-XE device reached over SSH on 127.0.0.1:{@code port} (admin/admin, cisco). */
  void createDevice(String name, int port) {
    String body =
        """
        {"name": "%s", "os": "iosxe", "type": "router",
         "connectionDefaults": {"via": "cli"},
         "credentials": {"default": {"username": "admin", "password": "admin"},
                         "enable": {"password": "cisco"}},
         "connections": [{"name": "cli", "protocol": "ssh", "host": "127.0.0.1", "port": %d}]}
        """
            .formatted(name, port);
    expect(201, post("/api/v1/devices", body), "create device " + name);
  }

  void openSession(String device, String alias) {
    String body = "{\"via\": \"cli\", \"alias\": \"%s\"}".formatted(alias);
    expect(201, post("/api/v1/devices/" + device + "/sessions", body), "open " + device + "/" + alias);
  }

  /** Runs {@code command} on the session and returns the response body (JSON). */
  String execute(String device, String alias, String command) {
    String body = "{\"command\": \"%s\", \"timeoutSeconds\": 120}".formatted(command);
    HttpResponse<String> response =
        post("/api/v1/devices/" + device + "/sessions/" + alias + "/execute", body);
    expect(200, response, "execute on " + device + "/" + alias);
    return response.body();
  }

  /** Runs {@code count} times {@code command} in one execute-batch call. */
  String executeBatch(String device, String alias, String command, int count) {
    String commands = String.join(", ", java.util.Collections.nCopies(count, "\"" + command + "\""));
    String body = "{\"commands\": [%s], \"timeoutSeconds\": 120}".formatted(commands);
    HttpResponse<String> response =
        post("/api/v1/devices/" + device + "/sessions/" + alias + "/execute-batch", body);
    expect(200, response, "execute-batch on " + device + "/" + alias);
    return response.body();
  }

  /** Reads the session (state, pool and failure): authenticated, but no device I/O. */
  String session(String device, String alias) {
    HttpResponse<String> response =
        send(request("/api/v1/devices/" + device + "/sessions/" + alias).GET().build());
    expect(200, response, "read " + device + "/" + alias);
    return response.body();
  }

  /** {@code GET /actuator/health} without credentials (it is public). */
  String health() {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(base.resolve("/actuator/health"))
                .timeout(Duration.ofMinutes(3))
                .build());
    expect(200, response, "health");
    return response.body();
  }

  void closeSession(String device, String alias) {
    HttpResponse<String> response =
        send(request("/api/v1/devices/" + device + "/sessions/" + alias).DELETE().build());
    expect(204, response, "close " + device + "/" + alias);
  }

  /** Acquires a lease on {@code device} without waiting; null when someone else holds it. */
  Lease acquireLease(String device, String holder) {
    String body =
        "{\"devices\": [\"%s\"], \"holder\": \"%s\", \"ttlSeconds\": 60}".formatted(device, holder);
    HttpResponse<String> response = post("/api/v1/leases", body);
    if (response.statusCode() == 409) {
      return null;
    }
    expect(201, response, "acquire a lease on " + device);
    Matcher id = LEASE_ID.matcher(response.body());
    Matcher token = LEASE_TOKEN.matcher(response.body());
    if (!id.find() || !token.find()) {
      throw new IllegalStateException("unexpected lease: " + response.body());
    }
    return new Lease(Long.parseLong(id.group(1)), token.group(1));
  }

  void releaseLease(Lease lease) {
    HttpRequest release =
        request("/api/v1/leases/" + lease.id())
            .header("Patchbay-Lease", lease.id() + ":" + lease.token())
            .DELETE()
            .build();
    expect(204, send(release), "release lease " + lease.id());
  }

  /** Attaches a WebSocket viewer to the session's terminal. */
  CompletableFuture<WebSocket> attachTerminal(
      String device, String alias, WebSocket.Listener listener) {
    URI uri =
        URI.create(
            "ws://"
                + base.getAuthority()
                + "/ws/v1/devices/"
                + device
                + "/sessions/"
                + alias
                + "/terminal");
    return http.newWebSocketBuilder()
        .header("Authorization", authorization)
        .connectTimeout(Duration.ofSeconds(10))
        .buildAsync(uri, listener);
  }

  private HttpResponse<String> post(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .header("Authorization", authorization)
        .timeout(Duration.ofMinutes(3));
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void expect(int status, HttpResponse<String> response, String what) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          what + ": HTTP " + response.statusCode() + " " + response.body());
    }
  }
}
