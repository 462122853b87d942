package dev.patchbay.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Secrets are sealed at rest, never returned, kept by the mask and supplied for ASK. */
class CredentialApiTest extends InventoryApiTestSupport {

  private static final String PASSWORD = "Pl41n-S3cret";
  private static final String KEY = "-----BEGIN OPENSSH PRIVATE KEY-----xyz";

  @Autowired DeviceRepository devices;
  @Autowired TestbedRepository testbeds;
  @Autowired SecretSealer sealer;
  @Autowired TransactionTemplate transactions;
  @Autowired JdbcTemplate jdbc;

  @Test
  void secretsAreMaskedAndKeptAcrossRoundTrips() {
    String name = unique("sec");
    String uri = "/api/v1/devices/" + name;
    String json =
        """
        {"name": "%s",
         "credentials": {"default": {"username": "admin", "password": "%s", "privateKey": "%s"}},
         "connections": [{"name": "cli", "protocol": "ssh", "host": "127.0.0.1",
                          "credentials": {"ssh": {"username": "u", "password": "%s-conn"}}}]}
        """
            .formatted(name, PASSWORD, KEY, PASSWORD);
    JsonNode created = body(post("/api/v1/devices", json), 201);
    JsonNode credential = created.path("credentials").path("default");
    assertThat(credential.path("password").asString()).isEqualTo(SecretSealer.MASK);
    assertThat(credential.path("passwordState").asString()).isEqualTo("stored");
    assertThat(credential.path("privateKey").asString()).isEqualTo(SecretSealer.MASK);
    assertThat(secret(name, "default")).isEqualTo(PASSWORD);
    assertThat(connectionSecret(name)).isEqualTo(PASSWORD + "-conn");

    // GET → PUT of the same document keeps every secret.
    String read =
        client.get().uri(uri).exchange().expectBody(String.class).returnResult().getResponseBody();
    bodies.add(read);
    body(put(uri, read), 200);
    JsonNode patched =
        body(
            client
                .patch()
                .uri(uri)
                .contentType(MediaType.parseMediaType("application/merge-patch+json"))
                .bodyValue(
                    "{\"credentials\": {\"enable\": {\"password\": \"en-" + PASSWORD + "\"}}}")
                .exchange(),
            200);
    assertThat(patched.path("credentials").properties()).hasSize(2);
    assertThat(secret(name, "default")).isEqualTo(PASSWORD);
    assertThat(secret(name, "enable")).isEqualTo("en-" + PASSWORD);
    assertThat(connectionSecret(name)).isEqualTo(PASSWORD + "-conn");
    assertThat(privateKey(name)).isEqualTo(KEY);

    // A new plaintext replaces the secret; null removes it.
    body(
        put(
            uri,
            "{\"credentials\": {\"default\": {\"username\": \"admin\", \"password\": \"n3w\"}}}"),
        200);
    assertThat(secret(name, "default")).isEqualTo("n3w");
    assertThat(privateKey(name)).isNull();

    List<String> sealed =
        jdbc.queryForList(
            "SELECT password_sealed FROM credential WHERE password_sealed IS NOT NULL",
            String.class);
    assertThat(sealed)
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s).startsWith("gcm2:").doesNotContain(PASSWORD));
    assertThat(String.join("\n", bodies)).doesNotContain(PASSWORD, KEY, "n3w");
  }

  @Test
  void maskWithoutStoredSecretIsRejected() {
    String json =
        """
        {"name": "%s", "credentials": {"default": {"password": "*****"}}}
        """
            .formatted(unique("mask"));
    problem(post("/api/v1/devices", json), 400, "validation", "credentials.default.password");
  }

  @Test
  void oversizedSecretsAreRejected() {
    String json =
        """
        {"name": "%s", "credentials": {"default": {"password": "%s"},
                                       "enable": {"password": "%%ASK{%s}"}}}
        """
            .formatted(unique("big"), "p".repeat(6001), "q".repeat(501));
    problem(
        post("/api/v1/devices", json),
        400,
        "validation",
        "credentials.default.password",
        "credentials.enable.password");
    problem(
        put(
            "/api/v1/testbeds/" + unique("none") + "/credentials/default",
            "{\"privateKey\": \"" + "k".repeat(6001) + "\"}"),
        400,
        "validation",
        "privateKey");
  }

  @Test
  void askSecretsCanBeSupplied() {
    String name = unique("ask");
    String json =
        """
        {"name": "%s", "credentials": {"default": {"username": "admin",
                                                   "password": "%%ASK{Password for r1}"}}}
        """
            .formatted(name);
    JsonNode created = body(post("/api/v1/devices", json), 201);
    assertThat(created.path("credentials").path("default").path("passwordState").asString())
        .isEqualTo("ask");
    problem(
        put("/api/v1/devices/" + name + "/credentials/default", "{\"username\": \"x\"}"),
        400,
        "validation",
        "password");

    JsonNode supplied =
        body(
            send(
                "PUT",
                "/api/v1/devices/" + name + "/credentials/default",
                "{\"password\": \"" + PASSWORD + "\"}",
                "\"0\""),
            200);
    JsonNode credential = supplied.path("credentials").path("default");
    assertThat(credential.path("passwordState").asString()).isEqualTo("stored");
    assertThat(credential.path("username").asString()).isEqualTo("admin");
    assertThat(supplied.path("version").asLong()).isEqualTo(1);
    assertThat(secret(name, "default")).isEqualTo(PASSWORD);

    String testbed = unique("lab");
    body(
        post(
            "/api/v1/testbeds",
            "{\"name\": \""
                + testbed
                + "\", \"credentials\": {\"default\": {\"password\": \"%ASK{}\"}}}"),
        201);
    JsonNode tb =
        body(
            put(
                "/api/v1/testbeds/" + testbed + "/credentials/default",
                "{\"password\": \"" + PASSWORD + "\"}"),
            200);
    assertThat(tb.path("credentials").path("default").path("passwordState").asString())
        .isEqualTo("stored");
    String stored =
        transactions.execute(
            status ->
                sealer.reveal(
                    testbeds
                        .findByName(testbed)
                        .orElseThrow()
                        .getCredentials()
                        .getFirst()
                        .getPassword()));
    assertThat(stored).isEqualTo(PASSWORD);
    problem(
        put("/api/v1/devices/" + unique("none") + "/credentials/default", "{\"password\": \"p\"}"),
        404,
        "not-found");
    assertThat(String.join("\n", bodies)).doesNotContain(PASSWORD);
  }

  private String secret(String device, String credential) {
    return transactions.execute(
        status ->
            devices.findByName(device).orElseThrow().getCredentials().stream()
                .filter(c -> c.getName().equals(credential))
                .map(c -> sealer.reveal(c.getPassword()))
                .findFirst()
                .orElseThrow());
  }

  private String privateKey(String device) {
    return transactions.execute(
        status -> {
          StoredSecret key =
              devices.findByName(device).orElseThrow().getCredentials().getFirst().getPrivateKey();
          return key == null ? null : sealer.reveal(key);
        });
  }

  private String connectionSecret(String device) {
    return transactions.execute(
        status ->
            sealer.reveal(
                devices
                    .findByName(device)
                    .orElseThrow()
                    .getConnections()
                    .getFirst()
                    .getCredentials()
                    .getFirst()
                    .getPassword()));
  }
}
