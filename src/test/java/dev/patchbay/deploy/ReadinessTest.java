package dev.patchbay.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.PatchbayApplication;
import dev.patchbay.testpeer.TcpRelay;
import dev.patchbay.testsupport.PostgresTestSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Readiness, which a load balancer follows: the service runs on the real PostgreSQL reached through
 * a {@link TcpRelay}; it is ready, reports not ready (503) while the relay is cut (the database
 * unreachable for this instance only) and ready again once it is back, with liveness up throughout.
 * When the service is closed, as on SIGTERM, readiness answers 503 while the server still serves,
 * before anything is drained.
 */
@Timeout(240)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadinessTest {

  private static final String READINESS = "/actuator/health/readiness";
  private static final String LIVENESS = "/actuator/health/liveness";
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir static Path dataDir;

  private static PostgresTestSchema schema;
  private static TcpRelay relay;
  private static ConfigurableApplicationContext service;
  private static int port;

  @BeforeAll
  static void startOnPostgresThroughARelay() throws Exception {
    schema = new PostgresTestSchema("readiness");
    URI database = URI.create(schema.schemaUrl().substring("jdbc:".length()));
    relay = new TcpRelay(database.getHost(), database.getPort());
    List<String> args =
        new ArrayList<>(
            List.of(
                "--server.port=0",
                "--patchbay.data-dir=" + dataDir,
                "--patchbay.simulator.enabled=false",
                "--patchbay.security.master-key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                "--spring.datasource.hikari.connection-timeout=1000",
                "--spring.datasource.hikari.validation-timeout=500"));
    schema.properties().forEach((key, value) -> args.add("--" + key + "=" + value));
    args.removeIf(arg -> arg.startsWith("--spring.datasource.url="));
    args.add(
        "--spring.datasource.url="
            + schema
                .schemaUrl()
                .replace(
                    "//" + database.getHost() + ":" + database.getPort() + "/",
                    "//127.0.0.1:" + relay.port() + "/"));
    service = SpringApplication.run(PatchbayApplication.class, args.toArray(String[]::new));
    port = ((WebServerApplicationContext) service).getWebServer().getPort();
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (service != null) {
        service.close();
      }
      if (relay != null) {
        relay.close();
      }
    } finally {
      schema.drop();
    }
  }

  @Test
  @Order(1)
  void notReadyWhileTheDatabaseDoesNotAnswer() throws Exception {
    assertThat(status(READINESS)).isEqualTo(200);

    relay.cut();
    assertThat(statusWithin(READINESS, 503)).as("readiness without its database").isEqualTo(503);
    assertThat(status(LIVENESS))
        .as("alive: restarting would not bring the database")
        .isEqualTo(200);

    relay.restore();
    assertThat(statusWithin(READINESS, 200)).as("readiness with the database back").isEqualTo(200);
  }

  @Test
  @Order(2)
  void closingRefusesTrafficWhileTheServerStillAnswers() {
    AtomicInteger readinessWhenRefusing = new AtomicInteger();
    service.addApplicationListener(
        (ApplicationEvent event) -> {
          if (event instanceof AvailabilityChangeEvent<?> change
              && change.getState() == ReadinessState.REFUSING_TRAFFIC) {
            readinessWhenRefusing.set(status(READINESS));
          }
        });

    service.close();

    assertThat(readinessWhenRefusing.get())
        .as("answered by the still serving instance, as not ready")
        .isEqualTo(503);
  }

  /** Polls {@code path} until it answers {@code expected}, for {@link #WAIT} at most. */
  private static int statusWithin(String path, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    int status = status(path);
    while (status != expected && System.nanoTime() < deadline) {
      Thread.sleep(200);
      status = status(path);
    }
    return status;
  }

  /** The status {@code path} answers with; -1 when the server does not answer at all. */
  private static int status(String path) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (java.io.IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
