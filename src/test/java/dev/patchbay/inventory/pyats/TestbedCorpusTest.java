package dev.patchbay.inventory.pyats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.inventory.Credential;
import dev.patchbay.inventory.Device;
import dev.patchbay.inventory.DeviceRepository;
import dev.patchbay.inventory.SecretSealer;
import dev.patchbay.inventory.SecretState;
import dev.patchbay.inventory.Testbed;
import dev.patchbay.inventory.TestbedRepository;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.yaml.snakeyaml.Yaml;

/**
 * A corpus of testbed files, one per pattern real pyATS files use (duplicate keys, %ENV{}
 * credentials, legacy tacacs/passwords blocks, prompts beside secrets, a file without a name,
 * credential overrides, terminal-server ports, connection defaults, custom and extension keys,
 * topology and servers, mock devices, proxies): each is uploaded as a browser or {@code curl -F}
 * would, exported, compared with what PyYAML would read, and re-imported with every device
 * unchanged. Also the bounds: YAML bombs, the body limit, the name rule. Shares the context of
 * {@link TestbedFileHttpTest}.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:testbed-file-test;DB_CLOSE_DELAY=-1",
      "patchbay.data-dir=target/test-data",
      "patchbay.security.master-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
      "patchbay.testbed.pyats-key=" + FernetTokens.TEST_KEY
    })
@AutoConfigureWebTestClient(timeout = "60s")
class TestbedCorpusTest {

  private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

  /** Where a corpus file holds a secret value: the export must show the mask there. */
  private static final Pattern SECRET_PATH =
      Pattern.compile(
          ".*credentials\\.[^.]+\\.(password|private_key|enable_password)$|.*\\bpasswords\\.[^.]+$");

  @Autowired WebTestClient http;
  @Autowired TestbedRepository testbeds;
  @Autowired DeviceRepository devices;
  @Autowired SecretSealer sealer;
  @Autowired TransactionTemplate tx;

  @BeforeEach
  void emptyInventory() {
    // bodies of up to 5 MB, parsed on a shared 2-core CI machine: wait longer than the default 5 s
    http = http.mutate().responseTimeout(Duration.ofSeconds(60)).build();
    tx.executeWithoutResult(
        s -> {
          devices.deleteAll();
          testbeds.deleteAll();
        });
  }

  static Stream<String> corpus() {
    return Stream.of(
        "duplicate-keys.yaml",
        "env-credentials.yaml",
        "legacy-credentials.yaml",
        "prompts-in-credentials.yaml",
        "nameless-lab.yaml",
        "overrides.yaml",
        "terminal-server.yaml",
        "connection-defaults.yaml",
        "custom-and-extensions.yaml",
        "topology-and-servers.yaml",
        "mock-device.yaml",
        "proxies.yaml");
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void importExportReimportKeepsEveryNonSecretKeyAndChangesNothing(String file) {
    String original = resource(file);
    Map<String, Object> first = upload(file, original, "merge");
    String testbed = (String) first.get("testbed");
    assertThat(first.get("created")).asList().isNotEmpty();
    String exported = export(testbed);

    Map<String, Object> expected = new Yaml().load(original);
    Map<String, Object> actual = new Yaml().load(exported);
    if (!(expected.get("testbed") instanceof Map<?, ?> block) || !block.containsKey("name")) {
      dropName(actual);
    }
    assertSameExceptSecrets(expected, actual, "");

    Map<String, Object> again = upload(file, exported, "merge");
    assertThat(again.get("unchanged")).asList().isEqualTo(first.get("created"));
    assertThat(again.get("updated")).asList().isEmpty();
    assertThat(again.get("created")).asList().isEmpty();
    assertThat(export(testbed)).isEqualTo(exported);
  }

  @Test
  void duplicateKeysLoadWithTheLastValueAndAWarningWithItsLine() {
    Map<String, Object> result =
        upload("duplicate-keys.yaml", resource("duplicate-keys.yaml"), "merge");
    assertThat(result.get("warnings"))
        .asList()
        .extracting(Object::toString)
        .anySatisfy(
            w ->
                assertThat(w)
                    .contains("field=devices.dup-r1.connections.cli.protocol", "line=12")
                    .contains("first on line 10"))
        .anySatisfy(w -> assertThat(w).contains("connections.cli.ip", "line=13"));
    tx.executeWithoutResult(
        s -> {
          var cli = devices.findByName("dup-r1").orElseThrow().connection("cli").orElseThrow();
          assertThat(cli.getProtocol()).isEqualTo("telnet");
          assertThat(cli.getHost()).isEqualTo("192.0.2.11");
        });
  }

  @Test
  void legacyBlocksBecomeCredentialsAndPromptsStayPlain() {
    upload("legacy-credentials.yaml", resource("legacy-credentials.yaml"), "merge");
    tx.executeWithoutResult(
        s -> {
          Testbed testbed = testbeds.findByName("corpus-legacy").orElseThrow();
          assertThat(testbed.getCredentials())
              .extracting(Credential::getName)
              .containsExactly("default", "enable", "line");
          Credential lab = testbed.getCredentials().getFirst();
          assertThat(lab.getUsername()).isEqualTo("admin");
          assertThat(sealer.reveal(lab.getPassword())).isEqualTo("Legacy-Tacacs-1");
          assertThat(sealer.reveal(testbed.getCredentials().get(1).getPassword()))
              .isEqualTo("Legacy-Enable-2");
          assertThat(sealer.reveal(testbed.getCredentials().get(2).getPassword()))
              .isEqualTo("Legacy-Line-3");
          Device r1 = devices.findByName("legacy-r1").orElseThrow();
          assertThat(r1.getCredentials())
              .extracting(Credential::getName)
              .containsExactly("default", "enable");
          assertThat(r1.getCredentials().getFirst().getUsername()).isEqualTo("cisco");
          assertThat(sealer.reveal(r1.getCredentials().getFirst().getPassword()))
              .isEqualTo("Legacy-Device-4");
        });
    String exported = export("corpus-legacy");
    assertThat(exported)
        .contains("password_prompt: 'Password:'", "login_prompt: 'login:'", "tacacs: '*****'")
        .doesNotContain("credentials", "Legacy-");

    upload("prompts-in-credentials.yaml", resource("prompts-in-credentials.yaml"), "merge");
    assertThat(export("corpus-prompts"))
        .contains("password_prompt: 'Password:'", "login_prompt: 'Username:'")
        .contains("enable_password: '*****'")
        .doesNotContain("Prompt-");
  }

  @Test
  void environmentValuesGivenWithTheUploadAreStoredAndExportedAsReferences() {
    Form form =
        Form.file("env-credentials.yaml", resource("env-credentials.yaml"))
            .part(
                "env",
                "lab.env",
                "# lab secrets\nPYATS_USERNAME=admin\nPYATS_PASSWORD=\"Env-Given-15\"\n");
    Map<String, Object> result = post(form, "merge");
    assertThat(result.get("environmentSecrets"))
        .asList()
        .containsExactly(
            "testbed.credentials.enable.password", "devices.env-r1.connections.cli.ip");
    tx.executeWithoutResult(
        s -> {
          Credential lab =
              testbeds.findByName("corpus-env").orElseThrow().getCredentials().getFirst();
          assertThat(lab.getUsername()).isEqualTo("admin");
          assertThat(sealer.reveal(lab.getPassword())).isEqualTo("Env-Given-15");
          Credential enable =
              testbeds.findByName("corpus-env").orElseThrow().getCredentials().get(1);
          assertThat(enable.getPassword().getState()).isEqualTo(SecretState.ENV);
          assertThat(
                  devices
                      .findByName("env-r1")
                      .orElseThrow()
                      .connection("cli")
                      .orElseThrow()
                      .getHost())
              .isEqualTo("%ENV{CORPUS_R1_IP}");
        });
    String exported = export("corpus-env");
    assertThat(exported)
        .contains("'%ENV{PYATS_USERNAME}'", "'%ENV{PYATS_PASSWORD}'", "'%ENV{PYATS_AUTH_PASS}'")
        .doesNotContain("Env-Given-15");

    Form bad =
        Form.file("env-credentials.yaml", resource("env-credentials.yaml"))
            .part("env", null, "PYATS_USERNAME=admin\nnot a pair\n");
    send(bad, "merge")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("env")
        .jsonPath("$.errors[0].line")
        .isEqualTo(2);
  }

  @Test
  void anUnsetVariableIsAProblemNamingItWhenASessionOpens() {
    upload("env-credentials.yaml", resource("env-credentials.yaml"), "merge");
    http.post()
        .uri("/api/v1/devices/env-r1/sessions")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"via\": \"cli\"}")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://patchbay.dev/problems/validation")
        .jsonPath("$.detail")
        .value(
            d ->
                assertThat((String) d).contains("environment variable PYATS_AUTH_PASS is not set"));
  }

  @Test
  void aFileWithoutANameIsNamedAfterItsUploadOrRefused() {
    Map<String, Object> result =
        upload("labs/nameless-lab.yaml", resource("nameless-lab.yaml"), "dry-run");
    assertThat(result.get("testbed")).isEqualTo("nameless-lab");
    http.post()
        .uri("/api/v1/testbeds/import?mode=dry-run")
        .contentType(YAML)
        .bodyValue(resource("nameless-lab.yaml"))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("testbed.name");
    send(new Form(List.of()).part("env", null, "A=b"), "merge")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("file");
    Form many = new Form(List.of());
    for (int i = 0; i < 40; i++) {
      many = many.part("env", null, "A=b");
    }
    for (byte[] body : List.of("no boundary here".getBytes(StandardCharsets.UTF_8), many.body())) {
      http.post()
          .uri("/api/v1/testbeds/import?mode=dry-run")
          .contentType(MediaType.parseMediaType("multipart/form-data; boundary=" + Form.BOUNDARY))
          .bodyValue(body)
          .exchange()
          .expectStatus()
          .isBadRequest()
          .expectBody()
          .jsonPath("$.type")
          .value(
              t ->
                  assertThat((String) t)
                      .isIn(
                          "https://patchbay.dev/problems/validation",
                          "https://patchbay.dev/problems/malformed-request"));
    }
  }

  @Test
  void aliasAndMergeKeyBombsAreRefusedFastAndStoreNothing() {
    upload("nameless-lab.yaml", resource("nameless-lab.yaml"), "dry-run"); // warm up
    for (String bomb : List.of(NodeBudgetTest.aliasBomb(), NodeBudgetTest.mergeBomb())) {
      assertThat(bomb.length()).isLessThan(1000);
      for (String mode : List.of("dry-run", "merge")) {
        long start = System.nanoTime();
        http.post()
            .uri("/api/v1/testbeds/import?mode=" + mode)
            .contentType(YAML)
            .bodyValue(bomb)
            .exchange()
            .expectStatus()
            .isBadRequest()
            .expectBody()
            .jsonPath("$.errors[0].message")
            .value(m -> assertThat((String) m).contains("expands to more than"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
      }
    }
    tx.executeWithoutResult(s -> assertThat(testbeds.count()).isZero());
  }

  @Test
  void manyDevicesSharingAnAnchoredBlockImport() {
    StringBuilder file =
        new StringBuilder(
            "testbed:\n  name: anchors\ndevices:\n  anchor-0: &common\n    os: iosxe\n"
                + "    custom: {site: lab, tags: [a, b]}\n");
    for (int i = 1; i <= 80; i++) {
      file.append("  anchor-")
          .append(i)
          .append(":\n    <<: *common\n    role: r")
          .append(i)
          .append('\n');
    }
    Map<String, Object> result = importYaml(file.toString(), "dry-run");
    assertThat(result.get("created")).asList().hasSize(81);
  }

  @Test
  void aTestbedOfSeveralHundredKilobytesImports() {
    StringBuilder file = new StringBuilder("testbed:\n  name: big-lab\ndevices:\n");
    for (int i = 0; i < 150; i++) {
      file.append("  big-r")
          .append(i)
          .append(":\n    os: iosxe\n    custom:\n      notes: '")
          .append("x".repeat(4000))
          .append("'\n    connections:\n      cli: {protocol: ssh, ip: 192.0.2.1, port: ")
          .append(1000 + i)
          .append("}\n");
    }
    assertThat(file.length()).isGreaterThan(600_000);
    Map<String, Object> result = importYaml(file.toString(), "merge");
    assertThat(result.get("created")).asList().hasSize(150);
  }

  @Test
  void storedDataIsBoundedPerDeviceAndBodiesPastTheLimitAre413() {
    String heavy =
        "testbed:\n  name: heavy\ndevices:\n  heavy-r1:\n    os: ios\n    custom:\n      blob: '"
            + "x".repeat(StoredSize.MAX_DEVICE + 10)
            + "'\n";
    http.post()
        .uri("/api/v1/testbeds/import?mode=dry-run")
        .contentType(YAML)
        .bodyValue(heavy)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("devices.heavy-r1")
        .jsonPath("$.errors[0].line")
        .isEqualTo(4);

    String huge = "testbed:\n  name: huge\n  custom:\n    blob: '" + "x".repeat(5 << 20) + "'\n";
    http.post()
        .uri("/api/v1/testbeds/import?mode=dry-run")
        .contentType(YAML)
        .bodyValue(huge)
        .exchange()
        .expectStatus()
        .isEqualTo(413);
    http.post()
        .uri("/api/v1/testbeds/import?mode=dry-run")
        .contentType(MediaType.parseMediaType("multipart/form-data; boundary=" + Form.BOUNDARY))
        .bodyValue(Form.file("huge.yaml", huge).body())
        .exchange()
        .expectStatus()
        .isEqualTo(413)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://patchbay.dev/problems/payload-too-large");
  }

  @Test
  void importRefusesNamesRestRefusesWithTheirLine() {
    for (String name : List.of("a/b", "../x", "bad\u0000name", "..", ".")) {
      String file =
          "testbed:\n  name: names\ndevices:\n  \""
              + name.replace("\u0000", "\\0")
              + "\":\n    os: ios\n";
      http.post()
          .uri("/api/v1/testbeds/import?mode=dry-run")
          .contentType(YAML)
          .bodyValue(file)
          .exchange()
          .expectStatus()
          .isBadRequest()
          .expectBody()
          .jsonPath("$.errors[0].field")
          .value(f -> assertThat((String) f).startsWith("devices."))
          .jsonPath("$.errors[0].line")
          .isEqualTo(4);
    }
    for (String name : List.of(".", "..")) {
      http.post()
          .uri("/api/v1/devices")
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue(Map.of("name", name))
          .exchange()
          .expectStatus()
          .isBadRequest()
          .expectBody()
          .jsonPath("$.errors[0].field")
          .isEqualTo("name");
    }
  }

  // --- helpers

  private static void dropName(Map<String, Object> file) {
    if (file.get("testbed") instanceof Map<?, ?> block) {
      block.remove("name");
      if (block.isEmpty()) {
        file.remove("testbed");
      }
    }
  }

  /** Equal as PyYAML reads them, apart from key order and secret values (masked). */
  private static void assertSameExceptSecrets(Object expected, Object actual, String path) {
    if (expected instanceof Map<?, ?> e) {
      assertThat(actual).as(path).isInstanceOf(Map.class);
      Map<?, ?> a = (Map<?, ?>) actual;
      assertThat(new ArrayList<Object>(a.keySet()))
          .as(path)
          .containsExactlyInAnyOrderElementsOf(new ArrayList<Object>(e.keySet()));
      e.forEach(
          (k, v) -> assertSameExceptSecrets(v, a.get(k), path.isEmpty() ? "" + k : path + "." + k));
    } else if (expected instanceof List<?> e) {
      assertThat(actual).as(path).isInstanceOf(List.class);
      List<?> a = (List<?>) actual;
      assertThat(a).as(path).hasSameSizeAs(e);
      for (int i = 0; i < e.size(); i++) {
        assertSameExceptSecrets(e.get(i), a.get(i), path + "[" + i + "]");
      }
    } else if (SECRET_PATH.matcher(path).matches()
        && !(expected instanceof String s && (s.startsWith("%ENV{") || s.startsWith("%ASK{")))) {
      assertThat(actual).as(path).isEqualTo(SecretSealer.MASK);
    } else {
      assertThat(actual).as(path).isEqualTo(expected);
    }
  }

  /**
   * A multipart/form-data body built here with a fixed boundary, as {@code curl -F} sends it (the
   * client's own writer draws its boundary from SecureRandom on an event loop, which BlockHound,
   * installed by the session tests in the same JVM, refuses).
   */
  record Form(List<String[]> parts) {
    static final String BOUNDARY = "patchbay-test-boundary-7f3a";

    static Form file(String fileName, String text) {
      return new Form(List.of()).part("file", fileName, text);
    }

    Form part(String name, String fileName, String text) {
      List<String[]> next = new ArrayList<>(parts);
      next.add(new String[] {name, fileName, text});
      return new Form(next);
    }

    byte[] body() {
      StringBuilder out = new StringBuilder();
      for (String[] part : parts) {
        out.append("--").append(BOUNDARY).append("\r\n");
        out.append("Content-Disposition: form-data; name=\"").append(part[0]).append('"');
        if (part[1] != null) {
          out.append("; filename=\"").append(part[1]).append('"');
        }
        out.append("\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n");
        out.append(part[2]).append("\r\n");
      }
      out.append("--").append(BOUNDARY).append("--\r\n");
      return out.toString().getBytes(StandardCharsets.UTF_8);
    }
  }

  private WebTestClient.ResponseSpec send(Form form, String mode) {
    return http.post()
        .uri("/api/v1/testbeds/import?mode=" + mode)
        .contentType(MediaType.parseMediaType("multipart/form-data; boundary=" + Form.BOUNDARY))
        .bodyValue(form.body())
        .exchange();
  }

  private Map<String, Object> upload(String fileName, String text, String mode) {
    return post(Form.file(fileName, text), mode);
  }

  private Map<String, Object> post(Form form, String mode) {
    String body =
        send(form, mode)
            .expectStatus()
            .is2xxSuccessful()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    return new Yaml().load(body);
  }

  private Map<String, Object> importYaml(String file, String mode) {
    String body =
        http.post()
            .uri("/api/v1/testbeds/import?mode=" + mode)
            .contentType(YAML)
            .bodyValue(file)
            .exchange()
            .expectStatus()
            .is2xxSuccessful()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    return new Yaml().load(body);
  }

  private String export(String testbed) {
    return http.get()
        .uri("/api/v1/testbeds/{name}", testbed)
        .accept(YAML)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .returnResult()
        .getResponseBody();
  }

  private static String resource(String name) {
    try (InputStream in = TestbedCorpusTest.class.getResourceAsStream("/testbeds/corpus/" + name)) {
      return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
