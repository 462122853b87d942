package dev.patchbay.inventory.testbed;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

/**
 * The round-trip property and atomicity on PostgreSQL ({@code patchbay.test.pg.url}), in a schema
 * of its own so that other branches' migrations in the same database are not disturbed. Fails when
 * no server answers: CI starts one.
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
class TestbedFilePostgresTest extends TestbedFileRoundTripTestBase {}
