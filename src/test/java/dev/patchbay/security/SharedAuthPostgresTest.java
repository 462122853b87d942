package dev.patchbay.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.PatchbayApplication;
import dev.patchbay.testsupport.PostgresTestSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two instances on one PostgreSQL schema are one service to a client holding a token: a terminal
 * ticket issued through one passes the terminal handshake's authentication on the other, once (also
 * when both try it at the same moment); a token revoked through one is refused by the other
 * although the other still holds a cached check of it (the cache lives ten minutes here, so only
 * the revocation watch can end it).
 */
@Timeout(240)
class SharedAuthPostgresTest {

  private static final String ADMIN = "pb_shared-auth-admin-token-0123456789abcdef";
  private static final String MASTER_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

  /** A plain GET with a good ticket passes authentication and is refused as no WebSocket (400). */
  private static final int ACCEPTED_TICKET = 400;

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir static Path dataDir;

  private static PostgresTestSchema schema;
  private static ConfigurableApplicationContext instanceA;
  private static ConfigurableApplicationContext instanceB;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Together, as pods of a StatefulSet do: both migrate and bootstrap one empty schema. */
  @BeforeAll
  static void startTwoInstances() {
    schema = new PostgresTestSchema("sharedauth");
    CompletableFuture<ConfigurableApplicationContext> a =
        CompletableFuture.supplyAsync(() -> start("a"));
    CompletableFuture<ConfigurableApplicationContext> b =
        CompletableFuture.supplyAsync(() -> start("b"));
    try {
      instanceA = a.join();
    } finally {
      instanceB = b.join();
    }
  }

  @AfterAll
  static void stopThem() throws Exception {
    try {
      if (instanceB != null) {
        instanceB.close();
      }
      if (instanceA != null) {
        instanceA.close();
      }
    } finally {
      schema.drop();
    }
  }

  @Test
  void aTicketIssuedThroughOneInstanceIsAcceptedOnceByAnother() throws Exception {
    String ticket = issueTicket(ADMIN);
    String terminal = "/ws/v1/devices/no-such-device/sessions/default/terminal?ticket=";

    HttpResponse<String> first = get(instanceB, terminal + ticket, null);
    assertThat(first.statusCode())
        .as("past authentication on B, a plain GET is refused as no WebSocket upgrade")
        .isEqualTo(ACCEPTED_TICKET);
    assertThat(first.body()).contains("WebSocket");
    assertThat(get(instanceB, terminal + ticket, null).statusCode()).as("spent").isEqualTo(401);
    assertThat(get(instanceA, terminal + ticket, null).statusCode())
        .as("spent on every instance")
        .isEqualTo(401);
  }

  @Test
  void aTicketRedeemedOnTwoInstancesAtOnceWorksOnlyOnce() throws Exception {
    String terminal = "/ws/v1/devices/no-such-device/sessions/default/terminal?ticket=";
    for (int round = 0; round < 10; round++) {
      String ticket = issueTicket(ADMIN);
      CompletableFuture<HttpResponse<String>> onA = getAsync(instanceA, terminal + ticket);
      CompletableFuture<HttpResponse<String>> onB = getAsync(instanceB, terminal + ticket);

      List<Integer> statuses = List.of(onA.get().statusCode(), onB.get().statusCode());
      assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(ACCEPTED_TICKET, 401);
    }
  }

  @Test
  void aTokenRevokedThroughOneInstanceIsRefusedByAnother() throws Exception {
    JsonNode created =
        JSON.readTree(
            send(
                    instanceA,
                    HttpRequest.newBuilder(uri(instanceA, "/api/v1/tokens"))
                        .header("Authorization", "Bearer " + ADMIN)
                        .header("Content-Type", "application/json")
                        .POST(
                            HttpRequest.BodyPublishers.ofString(
                                "{\"name\": \"ci-runner\", \"role\": \"OPERATOR\"}")))
                .body());
    String token = created.path("token").asString();
    assertThat(get(instanceB, "/api/v1/auth/me", token).statusCode())
        .as("B checks the token and keeps the check")
        .isEqualTo(200);
    String ticketBeforeRevocation = issueTicket(token);

    HttpResponse<String> revoked =
        send(
            instanceA,
            HttpRequest.newBuilder(uri(instanceA, "/api/v1/tokens/" + created.path("id").asLong()))
                .header("Authorization", "Bearer " + ADMIN)
                .DELETE());
    assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
    assertThat(get(instanceA, "/api/v1/auth/me", token).statusCode()).isEqualTo(401);

    long deadline = System.nanoTime() + WAIT.toNanos();
    HttpResponse<String> onB = get(instanceB, "/api/v1/auth/me", token);
    while (onB.statusCode() == 200 && System.nanoTime() < deadline) {
      Thread.sleep(100);
      onB = get(instanceB, "/api/v1/auth/me", token);
    }
    assertThat(onB.statusCode()).as("B after the revocation through A").isEqualTo(401);
    assertThat(onB.body()).contains("revoked");
    assertThat(
            get(
                    instanceB,
                    "/ws/v1/devices/no-such-device/sessions/default/terminal?ticket="
                        + ticketBeforeRevocation,
                    null)
                .statusCode())
        .as("a ticket outlives no revocation of its token")
        .isEqualTo(401);
  }

  private static ConfigurableApplicationContext start(String name) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--server.port=0",
                "--patchbay.data-dir=" + dataDir.resolve(name),
                "--patchbay.simulator.enabled=false",
                "--patchbay.cluster.name=" + name,
                "--patchbay.security.master-key=" + MASTER_KEY,
                "--patchbay.auth.admin-token=" + ADMIN,
                "--patchbay.auth.token-cache-ttl=10m",
                "--patchbay.auth.revocation-check-interval=200ms"));
    schema.properties().forEach((key, value) -> args.add("--" + key + "=" + value));
    return SpringApplication.run(PatchbayApplication.class, args.toArray(String[]::new));
  }

  private String issueTicket(String token) throws Exception {
    HttpResponse<String> response =
        send(
            instanceA,
            HttpRequest.newBuilder(uri(instanceA, "/api/v1/auth/tickets"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body()).path("ticket").asString();
  }

  private HttpResponse<String> get(
      ConfigurableApplicationContext instance, String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(instance, path)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(instance, request);
  }

  private CompletableFuture<HttpResponse<String>> getAsync(
      ConfigurableApplicationContext instance, String path) {
    return http.sendAsync(
        HttpRequest.newBuilder(uri(instance, path)).timeout(WAIT).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> send(
      ConfigurableApplicationContext instance, HttpRequest.Builder request) throws Exception {
    return http.send(request.timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(ConfigurableApplicationContext instance, String path) {
    int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
