package dev.patchbay.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The REST and WebSocket calls the scenarios make: REST over a {@link RestTransport} ({@link
 * ApacheTransport} unless told otherwise), terminal WebSockets over the JDK's HTTP client. Every
 * request and handshake carries {@code Authorization: Bearer <token>}.
 */
final class PatchbayClient implements AutoCloseable {

  /** A granted lease: its id and the token that must accompany its release. */
  record Lease(long id, String token) {}

  private static final Pattern LEASE_ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
  private static final Pattern LEASE_TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

  private final RestTransport rest;
  private final URI base;
  private final Map<String, String> authorization;
  private HttpClient webSockets;

  PatchbayClient(URI base, String token) {
    this(base, token, new ApacheTransport());
  }

  PatchbayClient(URI base, String token, RestTransport rest) {
    this.base = base;
    this.authorization = Map.of("Authorization", "Bearer " + token);
    this.rest = rest;
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
    expect(
        201, post("/api/v1/devices/" + device + "/sessions", body), "open " + device + "/" + alias);
  }

  /** Runs {@code command} on the session and returns the response body (JSON). */
  String execute(String device, String alias, String command) {
    String body = "{\"command\": \"%s\", \"timeoutSeconds\": 120}".formatted(command);
    RestTransport.Reply response =
        post("/api/v1/devices/" + device + "/sessions/" + alias + "/execute", body);
    expect(200, response, "execute on " + device + "/" + alias);
    return response.body();
  }

  /** Runs {@code count} times {@code command} in one execute-batch call. */
  String executeBatch(String device, String alias, String command, int count) {
    String commands =
        String.join(", ", java.util.Collections.nCopies(count, "\"" + command + "\""));
    String body = "{\"commands\": [%s], \"timeoutSeconds\": 120}".formatted(commands);
    RestTransport.Reply response =
        post("/api/v1/devices/" + device + "/sessions/" + alias + "/execute-batch", body);
    expect(200, response, "execute-batch on " + device + "/" + alias);
    return response.body();
  }

  /** Reads the session (state, pool and failure): authenticated, but no device I/O. */
  String session(String device, String alias) {
    RestTransport.Reply response =
        send("GET", "/api/v1/devices/" + device + "/sessions/" + alias, null);
    expect(200, response, "read " + device + "/" + alias);
    return response.body();
  }

  /** {@code GET /actuator/health} without credentials (it is public). */
  String health() {
    RestTransport.Reply response =
        rest.send("GET", base.resolve("/actuator/health"), Map.of(), null);
    expect(200, response, "health");
    return response.body();
  }

  void closeSession(String device, String alias) {
    RestTransport.Reply response =
        send("DELETE", "/api/v1/devices/" + device + "/sessions/" + alias, null);
    expect(204, response, "close " + device + "/" + alias);
  }

  /** Acquires a lease on {@code device} without waiting; null when someone else holds it. */
  Lease acquireLease(String device, String holder) {
    String body =
        "{\"devices\": [\"%s\"], \"holder\": \"%s\", \"ttlSeconds\": 60}".formatted(device, holder);
    RestTransport.Reply response = post("/api/v1/leases", body);
    if (response.status() == 409) {
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
    Map<String, String> headers =
        Map.of(
            "Authorization",
            authorization.get("Authorization"),
            "Patchbay-Lease",
            lease.id() + ":" + lease.token());
    expect(
        204,
        rest.send("DELETE", base.resolve("/api/v1/leases/" + lease.id()), headers, null),
        "release lease " + lease.id());
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
    synchronized (this) {
      if (webSockets == null) {
        webSockets = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      }
    }
    return webSockets
        .newWebSocketBuilder()
        .header("Authorization", authorization.get("Authorization"))
        .connectTimeout(Duration.ofSeconds(10))
        .buildAsync(uri, listener);
  }

  /** Starts a job ({@code POST /api/v1/jobs}) and returns its id. */
  String startJob(String json) {
    RestTransport.Reply response = post("/api/v1/jobs", json);
    expect(202, response, "start job");
    java.util.regex.Matcher id =
        java.util.regex.Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
    if (!id.find()) {
      throw new IllegalStateException("no job id in " + response.body());
    }
    return id.group(1);
  }

  /** Reads a job, waiting up to {@code waitSeconds} for it to end; returns the body (JSON). */
  String job(String id, int waitSeconds) {
    RestTransport.Reply response = send("GET", "/api/v1/jobs/" + id + "?wait=" + waitSeconds, null);
    expect(200, response, "read job " + id);
    return response.body();
  }

  private RestTransport.Reply post(String path, String json) {
    return send("POST", path, json);
  }

  private RestTransport.Reply send(String method, String path, String json) {
    return rest.send(method, base.resolve(path), authorization, json);
  }

  @Override
  public synchronized void close() {
    rest.close();
    if (webSockets != null) {
      webSockets.close();
    }
  }

  private static void expect(int status, RestTransport.Reply response, String what) {
    if (response.status() != status) {
      throw new IllegalStateException(what + ": HTTP " + response.status() + " " + response.body());
    }
  }
}
