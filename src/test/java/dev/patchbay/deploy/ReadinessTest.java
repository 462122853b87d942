package dev.patchbay.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.PatchbayApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Readiness follows the database: the service runs on an H2 database served over TCP, is ready, and
 * reports not ready (503) once that database server is gone, while liveness stays up.
 */
@Timeout(120)
class ReadinessTest {

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path dataDir;

  @Test
  void notReadyWhileTheDatabaseDoesNotAnswer() throws Exception {
    Server database = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
    try (ConfigurableApplicationContext service =
        SpringApplication.run(
            PatchbayApplication.class,
            "--server.port=0",
            "--patchbay.data-dir=" + dataDir,
            "--patchbay.simulator.enabled=false",
            "--spring.datasource.url=jdbc:h2:tcp://127.0.0.1:"
                + database.getPort()
                + "/mem:readiness;DB_CLOSE_DELAY=-1",
            "--spring.datasource.hikari.connection-timeout=1000",
            "--spring.datasource.hikari.validation-timeout=500")) {
      int port = ((WebServerApplicationContext) service).getWebServer().getPort();
      assertThat(status(port, "/actuator/health/readiness")).isEqualTo(200);

      database.stop();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      int readiness = status(port, "/actuator/health/readiness");
      while (readiness != 503 && System.nanoTime() < deadline) {
        readiness = status(port, "/actuator/health/readiness");
      }
      assertThat(readiness).as("readiness without its database").isEqualTo(503);
      assertThat(status(port, "/actuator/health/liveness")).isEqualTo(200);
    } finally {
      database.stop();
    }
  }

  private int status(int port, String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
