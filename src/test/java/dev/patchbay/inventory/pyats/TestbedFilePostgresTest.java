package dev.patchbay.inventory.pyats;

import dev.patchbay.testsupport.PostgresTestSchema;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The round-trip property and atomicity on PostgreSQL ({@code patchbay.test.pg.url}), in a schema
 * of its own, created by Flyway and dropped afterwards. Fails when no server answers: CI starts
 * one.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "patchbay.data-dir=target/test-data",
      "patchbay.security.master-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
      "patchbay.testbed.pyats-key=" + FernetTokens.TEST_KEY
    })
@AutoConfigureWebTestClient
@DirtiesContext
class TestbedFilePostgresTest extends TestbedFileRoundTripTestBase {

  private static final PostgresTestSchema SCHEMA = new PostgresTestSchema("testbed");

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    SCHEMA.register(registry);
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    SCHEMA.drop();
  }
}
