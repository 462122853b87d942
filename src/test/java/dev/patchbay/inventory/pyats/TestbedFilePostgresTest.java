package dev.patchbay.inventory.pyats;

import dev.patchbay.testsupport.PostgresSchema;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

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
@AutoConfigureWebTestClient(timeout = "60s")
@PostgresSchema("testbed")
class TestbedFilePostgresTest extends TestbedFileRoundTripTestBase {}
