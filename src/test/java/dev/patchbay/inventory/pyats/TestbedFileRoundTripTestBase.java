package dev.patchbay.inventory.pyats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.inventory.ConnectionDefinition;
import dev.patchbay.inventory.Credential;
import dev.patchbay.inventory.Device;
import dev.patchbay.inventory.DeviceRepository;
import dev.patchbay.inventory.SecretSealer;
import dev.patchbay.inventory.StoredSecret;
import dev.patchbay.inventory.Testbed;
import dev.patchbay.inventory.TestbedRepository;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.yaml.snakeyaml.Yaml;

/**
 * The round-trip property of testbed files over HTTP, for every public fixture and Patchbay's own
 * mixed lab: the export equals the imported file except for masked secrets (in the file's key
 * order), and importing the export again changes neither the stored model nor the export. Also
 * atomicity. Subclasses choose the database.
 */
abstract class TestbedFileRoundTripTestBase {

  protected static final MediaType YAML = MediaType.parseMediaType("application/yaml");
  protected static final String MIXED = "patchbay__lab-mixed.yaml";

  /** Every plaintext secret the test files contain or resolve to. */
  private static final List<String> PLAINTEXTS =
      List.of(
          "S3cr3t-From-Env!",
          "Dec-Rypted-Pass-42",
          "10.99.0.7",
          "Plain-Pass-7788",
          "Plain-Server-Pass-55",
          "cisco123");

  private static final Pattern CREDENTIAL_SECRET =
      Pattern.compile(".*credentials\\.[^.]+\\.(password|private_key)$");

  @Autowired WebTestClient http;
  @Autowired TestbedRepository testbeds;
  @Autowired DeviceRepository devices;
  @Autowired SecretSealer sealer;
  @Autowired TransactionTemplate tx;

  @BeforeEach
  void emptyInventory() {
    tx.executeWithoutResult(
        s -> {
          devices.deleteAll();
          testbeds.deleteAll();
        });
  }

  static Stream<Arguments> testbedFiles() {
    return Stream.of(
        Arguments.of("LTRSP-3589__testbed.yaml", "ltrsp-3589"),
        Arguments.of("examples__clean_full_clean_multi_os_testbed.yaml", null),
        Arguments.of("pyats-practice__lab.yaml", "iida-pyats"),
        Arguments.of(MIXED, null));
  }

  @ParameterizedTest
  @MethodSource("testbedFiles")
  void exportEqualsTheImportedFileExceptMaskedSecrets(String file, String name) {
    String original = resource(file);
    Map<String, Object> result = importOk(original, "merge", name);
    String testbed = (String) result.get("testbed");
    String exported = export(testbed);

    Map<String, Object> t = new Yaml().load(original);
    Object e = new Yaml().load(exported);
    if (name != null && t.get("testbed") instanceof Map<?, ?> block && block.get("name") != null) {
      // the file's own name breaks the name rule; ?name= imported it under another
      @SuppressWarnings("unchecked")
      Map<String, Object> named = (Map<String, Object>) block;
      named.put("name", name);
    }
    List<String> masked = new ArrayList<>();
    assertEqualExceptMasking(t, e, "", masked);
    assertThat(masked).as("every file here has secrets to mask").isNotEmpty();
    assertNoPlaintext(exported);

    String model = storedModel(testbed);
    Map<String, Object> again = importOk(exported, "merge", name);
    assertThat(again.get("unchanged")).asList().isEqualTo(result.get("created"));
    assertThat(again.get("updated")).asList().isEmpty();
    assertThat(storedModel(testbed)).isEqualTo(model);
    assertThat(export(testbed)).isEqualTo(exported);
  }

  @Test
  void aFileWithOneBadDeviceChangesNothing() {
    importOk(resource(MIXED), "merge", null);
    String before = export("patchbay-mixed-lab");
    String changed =
        resource(MIXED)
            .replace("rack: B12", "rack: C7")
            .replace(
                "\ntopology:\n",
                "\n  mx-broken:\n    connections:\n      cli:\n        port: 0\n\ntopology:\n");
    http.post()
        .uri("/api/v1/testbeds/import?mode=replace")
        .contentType(YAML)
        .bodyValue(changed)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("devices.mx-broken.connections.cli.port");
    assertThat(export("patchbay-mixed-lab")).isEqualTo(before);
  }

  // --- helpers

  protected Map<String, Object> importOk(String file, String mode, String name) {
    String uri = "/api/v1/testbeds/import?mode=" + mode + (name == null ? "" : "&name=" + name);
    String body =
        http.post()
            .uri(uri)
            .contentType(YAML)
            .bodyValue(file)
            .exchange()
            .expectStatus()
            .is2xxSuccessful()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertNoPlaintext(body);
    return new Yaml().load(body);
  }

  protected String export(String testbed) {
    String body =
        http.get()
            .uri("/api/v1/testbeds/{name}", testbed)
            .accept(YAML)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentTypeCompatibleWith(YAML)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertNoPlaintext(body);
    return body;
  }

  protected void assertError(String file, String field, int line) {
    String body =
        http.post()
            .uri("/api/v1/testbeds/import")
            .contentType(YAML)
            .bodyValue(file)
            .exchange()
            .expectStatus()
            .isBadRequest()
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    Map<String, Object> problem = new Yaml().load(body);
    assertThat(problem.get("errors"))
        .asList()
        .first()
        .satisfies(
            error -> {
              Map<?, ?> e = (Map<?, ?>) error;
              assertThat(e.get("field")).isEqualTo(field);
              assertThat(e.get("line")).isEqualTo(line);
            });
  }

  protected static void assertNoPlaintext(String text) {
    for (String secret : PLAINTEXTS) {
      assertThat(text).doesNotContain(secret);
    }
  }

  /**
   * The export may differ from the file only where a secret was: a credential password or key, or a
   * %ENC{} string, reads {@code *****}; %ASK{} and %ENV{} are kept as written. Key order is the
   * file's.
   */
  private static void assertEqualExceptMasking(
      Object t, Object e, String path, List<String> masked) {
    if (t instanceof Map<?, ?> tm) {
      assertThat(e).as(path).isInstanceOf(Map.class);
      Map<?, ?> em = (Map<?, ?>) e;
      assertThat(new ArrayList<Object>(em.keySet()))
          .as(path)
          .isEqualTo(new ArrayList<Object>(tm.keySet()));
      tm.forEach(
          (k, v) ->
              assertEqualExceptMasking(
                  v, em.get(k), path.isEmpty() ? "" + k : path + "." + k, masked));
    } else if (t instanceof List<?> tl) {
      assertThat(e).as(path).isInstanceOf(List.class);
      List<?> el = (List<?>) e;
      assertThat(el).as(path).hasSameSizeAs(tl);
      for (int i = 0; i < tl.size(); i++) {
        assertEqualExceptMasking(tl.get(i), el.get(i), path + "[" + i + "]", masked);
      }
    } else if (isMaskedSecret(t, path)) {
      assertThat(e).as(path).isEqualTo(SecretSealer.MASK);
      masked.add(path);
    } else {
      assertThat(e).as(path).isEqualTo(t);
    }
  }

  private static boolean isMaskedSecret(Object value, String path) {
    if (!(value instanceof String s)) {
      return value != null && CREDENTIAL_SECRET.matcher(path).matches();
    }
    if (s.startsWith("%ASK{") || s.startsWith("%ENV{")) {
      return false;
    }
    return s.startsWith("%ENC{") || (CREDENTIAL_SECRET.matcher(path).matches() && !s.isEmpty());
  }

  /** Everything stored for a testbed except ids, versions, times and ciphertexts (random IVs). */
  private String storedModel(String name) {
    return tx.execute(
        s -> {
          Testbed t = testbeds.findByName(name).orElseThrow();
          StringBuilder out = new StringBuilder();
          out.append(
              List.of(
                  t.getName(),
                  Objects.toString(t.getAlias()),
                  t.getServers(),
                  t.getCustom(),
                  t.getTopology(),
                  t.getExtra()));
          t.getCredentials().forEach(c -> out.append(credential(c)));
          for (Device d : devices.findByTestbedOrderByNameAsc(t)) {
            out.append(
                List.of(
                    d.getName(),
                    d.getAliases(),
                    Objects.toString(d.getOs()),
                    Objects.toString(d.getPlatform()),
                    Objects.toString(d.getType()),
                    Objects.toString(d.getRole()),
                    d.getCustom(),
                    d.getConnectionDefaults(),
                    d.getExtra()));
            d.getCredentials().forEach(c -> out.append(credential(c)));
            for (ConnectionDefinition c : d.getConnections()) {
              out.append(
                  Stream.of(
                          c.getName(),
                          c.getProtocol(),
                          c.getHost(),
                          c.getPort(),
                          c.getProxy(),
                          c.getInitExecCommands(),
                          c.getInitConfigCommands(),
                          c.getConnectTimeoutSeconds(),
                          c.getExecuteTimeoutSeconds(),
                          c.getSshOptions(),
                          c.getPoolSize(),
                          c.getCommand(),
                          c.getConnectionClass(),
                          c.getArguments(),
                          c.getSettings(),
                          c.getExtra())
                      .map(String::valueOf)
                      .toList());
              c.getCredentials().forEach(cr -> out.append(credential(cr)));
            }
          }
          return out.toString();
        });
  }

  private String credential(Credential c) {
    return List.of(
            c.getName(),
            String.valueOf(c.getUsername()),
            secret(c.getPassword()),
            secret(c.getPrivateKey()),
            c.getExtra())
        .toString();
  }

  private String secret(StoredSecret s) {
    if (s == null) {
      return "none";
    }
    return switch (s.getState()) {
      case STORED -> "stored:" + sealer.reveal(s);
      case ASK -> "ask:" + s.getPrompt();
      case UNRESOLVED -> "unresolved:" + sealer.revealToken(s);
      case ENV -> "env:" + s.getPrompt();
    };
  }

  protected static String resource(String name) {
    try (InputStream in = TestbedFileHttpTest.class.getResourceAsStream("/testbeds/" + name)) {
      return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
