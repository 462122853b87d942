package dev.patchbay.inventory.testbed;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

/**
 * The round-trip property and atomicity on PostgreSQL ({@code patchbay.test.pg.url}), in a schema
 * of its own so that other branches' migrations in the same database are not disturbed. Skipped
 * when no server answers.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=${patchbay.test.pg.url}?currentSchema=patchbay_testbed_file",
      "spring.datasource.username=${patchbay.test.pg.user:postgres}",
      "spring.datasource.password=${patchbay.test.pg.password:}",
      "spring.flyway.schemas=patchbay_testbed_file",
      "patchbay.data-dir=target/test-data",
      "patchbay.security.master-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
      "patchbay.testbed.pyats-key=" + FernetTokens.TEST_KEY
    })
@AutoConfigureWebTestClient
@EnabledIf("postgresAnswers")
class TestbedFilePostgresTest extends TestbedFileRoundTripTestBase {

  static boolean postgresAnswers() {
    URI uri =
        URI.create(
            System.getProperty("patchbay.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test")
                .substring("jdbc:".length()));
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 1000);
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
