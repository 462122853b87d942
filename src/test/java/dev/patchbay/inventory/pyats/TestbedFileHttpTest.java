package dev.patchbay.inventory.pyats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.inventory.ConnectionDefinition;
import dev.patchbay.inventory.Credential;
import dev.patchbay.inventory.Device;
import dev.patchbay.inventory.SecretState;
import dev.patchbay.inventory.Testbed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.yaml.snakeyaml.Yaml;

/**
 * End to end over HTTP on an in-memory H2: the round-trip property (inherited), error reporting
 * with YAML path and line, modes, extends, conflicts and secret handling.
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
class TestbedFileHttpTest extends TestbedFileRoundTripTestBase {

  @Test
  void publicFixturesImportCleanlyWithTheirOddValuesReported() {
    Map<String, Object> practice =
        importOk(resource("pyats-practice__lab.yaml"), "merge", "iida-pyats");
    assertThat(practice.get("created")).asList().contains("r1", "sw4", "fumidai");
    assertThat(practice.get("unsupportedConnections"))
        .asList()
        .contains(
            Map.of(
                "device",
                "r1",
                "connection",
                "vty",
                "reason",
                "protocol 'ssh -oKexAlgorithms=+diffie-hellman-group14-sha1,diffie-hellman-group-exchange-sha1'"
                    + " is not ssh, telnet or serial"),
            Map.of(
                "device",
                "r1",
                "connection",
                "a",
                "reason",
                "spawns a local program (command:), which Patchbay runs only when"
                    + " patchbay.command-connections enables it"));
    assertThat(practice.get("unresolvedSecrets"))
        .asList()
        .contains("devices.r1.connections.console.ip", "devices.sw4.connections.console.ip");

    Map<String, Object> ltrsp = importOk(resource("LTRSP-3589__testbed.yaml"), "merge", "ltrsp");
    assertThat(ltrsp.get("unsupportedConnections"))
        .asList()
        .contains(
            Map.of(
                "device",
                "xrd-1",
                "connection",
                "netconf",
                "reason",
                "no protocol (connection class yang.connector.Netconf)"));

    Map<String, Object> examples =
        importOk(resource("examples__clean_full_clean_multi_os_testbed.yaml"), "merge", null);
    assertThat(examples.get("unresolvedSecrets"))
        .asList()
        .contains(
            "testbed.servers.tftp.credentials.default.password",
            "devices.asr1000.credentials.enable.password");
  }

  @Test
  void anSshOptionPatchbayDoesNotApplyIsAWarningNamingIt() {
    Map<String, Object> result = importOk(resource(MIXED), "dry-run", null);
    assertThat(result.get("warnings"))
        .asList()
        .anySatisfy(
            w ->
                assertThat(w)
                    .asString()
                    .contains("devices.mx-jump.connections.cli.ssh_options")
                    .contains("ssh option UserKnownHostsFile is not one that Patchbay applies"));
  }

  @Test
  void secretsAreResolvedSealedAndNeverReturned() {
    Map<String, Object> result = importOk(resource(MIXED), "merge", null);
    assertThat(result.get("askSecrets"))
        .asList()
        .containsExactly(
            "testbed.credentials.enable.password",
            "devices.mx-core1.connections.b.credentials.default.password");
    assertThat(result.get("unresolvedSecrets")).asList().isEmpty();
    assertNoPlaintext(String.valueOf(result));

    tx.executeWithoutResult(
        s -> {
          Testbed testbed = testbeds.findByName("patchbay-mixed-lab").orElseThrow();
          Credential lab = testbed.getCredentials().getFirst();
          assertThat(lab.getUsername()).isEqualTo("%ENV{PATCHBAY_TEST_LAB_USER}");
          assertThat(lab.getPassword().getState()).isEqualTo(SecretState.ENV);
          assertThat(lab.getPassword().getPrompt()).isEqualTo("PATCHBAY_TEST_LAB_PASSWORD");
          assertThat(testbed.getCredentials().get(1).getPassword().getState())
              .isEqualTo(SecretState.ASK);
          Device jump = devices.findByName("mx-jump").orElseThrow();
          assertThat(sealer.reveal(jump.getCredentials().getFirst().getPassword()))
              .isEqualTo("Dec-Rypted-Pass-42");
          Device edge = devices.findByName("mx-edge1").orElseThrow();
          assertThat(edge.connection("vty").orElseThrow().getHost()).isEqualTo("10.99.0.7");
          assertThat(edge.connection("mgmt-https").orElseThrow().getHost())
              .isEqualTo("edge1.lab.example");
          ConnectionDefinition cli =
              devices.findByName("mx-core1").orElseThrow().connection("cli").orElseThrow();
          assertThat(cli.getPoolSize()).isEqualTo(3);
          assertThat(cli.getConnectTimeoutSeconds()).isEqualTo(30);
          assertThat(cli.getExecuteTimeoutSeconds()).isEqualTo(120);
          assertThat(cli.getInitExecCommands())
              .containsExactly("terminal length 0", "terminal width 511");
          assertThat(cli.getConnectionClass()).isNull();
          assertThat(cli.getArguments()).containsEntry("learn_hostname", true);
          assertThat(cli.getSettings()).containsOnlyKeys("CONFIG_TIMEOUT");
          assertThat(cli.getProxy()).isEqualTo("mx-jump");
        });

    String exported = export("patchbay-mixed-lab");
    assertNoPlaintext(exported);
    assertThat(exported)
        .contains("%ENV{PATCHBAY_TEST_LAB_PASSWORD}", "%ASK{Enable password for the lab}")
        .contains("ip: '*****'");
  }

  @Test
  void maskedSecretsImportedIntoAFreshInstallAreReportedMissing() {
    importOk(resource(MIXED), "merge", null);
    String exported = export("patchbay-mixed-lab");
    emptyInventory();

    Map<String, Object> result = importOk(exported, "merge", null);
    assertThat(result.get("missingSecrets"))
        .asList()
        .containsExactlyInAnyOrder(
            "testbed.servers.tftp.credentials.default.password",
            "devices.mx-jump.credentials.default.password",
            "devices.mx-core1.credentials.default.password",
            "devices.mx-edge1.connections.vty.ip");
    assertThat(result.get("askSecrets")).asList().hasSize(2);
    assertThat(result.get("unsupportedConnections"))
        .asList()
        .anySatisfy(u -> assertThat(u.toString()).contains("mx-edge1", "vty", "no usable ip"));
    assertThat(export("patchbay-mixed-lab")).isEqualTo(exported);
  }

  @Test
  void badPortIsReportedWithPathAndLine() {
    String file =
        """
        testbed:
          name: tb-port
        devices:
          p1:
            os: ios
            connections:
              cli:
                protocol: ssh
                ip: 192.0.2.1
                port: 70000
        """;
    http.post()
        .uri("/api/v1/testbeds/import")
        .contentType(YAML)
        .bodyValue(file)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://patchbay.dev/problems/validation")
        .jsonPath("$.errors[0].field")
        .isEqualTo("devices.p1.connections.cli.port")
        .jsonPath("$.errors[0].line")
        .isEqualTo(10)
        .jsonPath("$.errors[0].message")
        .isEqualTo("port must be between 1 and 65535");
  }

  @Test
  void proxyHopsNamingNoDeviceOrACycleAreRefused() {
    String missing =
        """
        testbed:
          name: tb-proxy
        devices:
          r1:
            os: iosxe
            connections:
              cli:
                protocol: telnet
                ip: 192.0.2.1
                proxy: [jump]
        """;
    http.post()
        .uri("/api/v1/testbeds/import")
        .contentType(YAML)
        .bodyValue(missing)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://patchbay.dev/problems/validation")
        .jsonPath("$.errors[0].field")
        .isEqualTo("devices.r1.connections.cli.proxy")
        .jsonPath("$.errors[0].message")
        .isEqualTo("proxy hop 'jump' names no device");
    String cycle =
        """
        testbed:
          name: tb-proxy
        devices:
          jump:
            os: linux
            connections:
              cli: {protocol: ssh, ip: 192.0.2.2, proxy: r1}
          r1:
            os: iosxe
            connections:
              cli:
                protocol: telnet
                ip: 192.0.2.1
                proxy: {device: jump, command: telnet 10.1.1.5 2001}
        """;
    http.post()
        .uri("/api/v1/testbeds/import")
        .contentType(YAML)
        .bodyValue(cycle)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].message")
        .isEqualTo("proxy hop 'r1' closes a cycle: r1 → jump → r1");
    http.get().uri("/api/v1/testbeds/tb-proxy").exchange().expectStatus().isNotFound();
  }

  @Test
  void yamlSyntaxErrorsDuplicateKeysAndBadShapesReportTheirLine() {
    assertError("testbed:\n  name: x\ndevices:\n  d1:\n    os: [ios\n", "", 6);
    assertError("testbed:\n  name: shape\ndevices:\n  - d1\n", "devices", 3);
    assertError(
        "testbed:\n  name: proto\ndevices:\n  d1:\n    connections:\n      cli:\n        protocol: [ssh]\n",
        "devices.d1.connections.cli.protocol",
        7);
  }

  @Test
  void anUnsetEnvironmentVariableIsKeptAsWrittenAndReportedNotRefused() {
    Map<String, Object> result =
        importOk(
            """
            testbed:
              name: tb-env
              credentials:
                default:
                  username: admin
                  password: "%ENV{PATCHBAY_TEST_NOT_SET_ANYWHERE}"
            """,
            "merge", null);
    assertThat(result.get("environmentSecrets"))
        .asList()
        .containsExactly("testbed.credentials.default.password");
    assertThat(result.get("warnings"))
        .asList()
        .singleElement()
        .asString()
        .contains("field=testbed.credentials.default.password", "line=6")
        .contains("PATCHBAY_TEST_NOT_SET_ANYWHERE");
    assertThat(export("tb-env")).contains("password: '%ENV{PATCHBAY_TEST_NOT_SET_ANYWHERE}'");
  }

  @Test
  void extendsIsRejectedNamingTheParent() {
    http.post()
        .uri("/api/v1/testbeds/import")
        .contentType(YAML)
        .bodyValue("extends: base-lab.yaml\ntestbed:\n  name: child\n")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("extends")
        .jsonPath("$.errors[0].line")
        .isEqualTo(1)
        .jsonPath("$.errors[0].message")
        .value(m -> assertThat((String) m).contains("'base-lab.yaml'"));
  }

  @Test
  void extendsIsResolvedWhenTheParentComesFirstInTheBody() {
    String body =
        """
        testbed:
          name: base
          credentials:
            default:
              username: admin
        devices:
          ext-r1:
            os: ios
            connections:
              cli: {protocol: ssh, ip: 192.0.2.1, port: 22}
        ---
        extends: base.yaml
        testbed:
          name: child-lab
        devices:
          ext-r1:
            connections:
              cli:
                port: 2222
          ext-r2:
            os: nxos
        """;
    Map<String, Object> result = importOk(body, "merge", null);
    assertThat(result.get("testbed")).isEqualTo("child-lab");
    assertThat(result.get("created")).asList().containsExactly("ext-r1", "ext-r2");
    Map<String, Object> exported = new Yaml().load(export("child-lab"));
    assertThat(exported)
        .isEqualTo(
            new Yaml()
                .load(
                    """
                    testbed:
                      name: child-lab
                      credentials: {default: {username: admin}}
                    devices:
                      ext-r1:
                        os: ios
                        connections: {cli: {protocol: ssh, ip: 192.0.2.1, port: 2222}}
                      ext-r2: {os: nxos}
                    """));

    assertError("testbed:\n  name: a\n---\ntestbed:\n  name: b\n", "", 4);
  }

  @Test
  void aDeviceOfAnotherTestbedIsAConflictNotAMove() {
    importOk("testbed:\n  name: owner\ndevices:\n  shared-r1:\n    os: ios\n", "merge", null);
    http.post()
        .uri("/api/v1/testbeds/import")
        .contentType(YAML)
        .bodyValue(
            "testbed:\n  name: thief\ndevices:\n  mine:\n    os: ios\n  shared-r1:\n    os: nxos\n")
        .exchange()
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("devices.shared-r1")
        .jsonPath("$.errors[0].line")
        .isEqualTo(6)
        .jsonPath("$.errors[0].message")
        .value(m -> assertThat((String) m).contains("testbed 'owner'"));
    http.get().uri("/api/v1/testbeds/thief").accept(YAML).exchange().expectStatus().isNotFound();
    tx.executeWithoutResult(
        s -> assertThat(devices.findByName("shared-r1").orElseThrow().getOs()).isEqualTo("ios"));
  }

  @Test
  void dryRunReportsAndWritesNothing() {
    Map<String, Object> preview = importOk(resource(MIXED), "dry-run", null);
    assertThat(preview.get("mode")).isEqualTo("dry-run");
    assertThat(preview.get("created")).asList().containsExactly("mx-jump", "mx-core1", "mx-edge1");
    http.get()
        .uri("/api/v1/testbeds/patchbay-mixed-lab")
        .accept(YAML)
        .exchange()
        .expectStatus()
        .isNotFound();
    tx.executeWithoutResult(s -> assertThat(devices.count()).isZero());

    importOk(resource(MIXED), "merge", null);
    String before = export("patchbay-mixed-lab");
    Map<String, Object> again =
        importOk(resource(MIXED).replace("rack: B12", "rack: Z9"), "dry-run", null);
    assertThat(again.get("updated")).asList().containsExactly("mx-core1");
    assertThat(again.get("unchanged")).asList().containsExactly("mx-jump", "mx-edge1");
    assertThat(export("patchbay-mixed-lab")).isEqualTo(before);
  }

  @Test
  void replaceDeletesMissingDevicesAndMergeKeepsThem() {
    importOk(
        "testbed:\n  name: modes\ndevices:\n  m1:\n    os: ios\n  m2:\n    os: ios\n",
        "merge",
        null);
    Map<String, Object> merged =
        importOk(
            "testbed:\n  name: modes\ndevices:\n  m1:\n    os: nxos\n  m3:\n    os: ios\n",
            "merge",
            null);
    assertThat(merged.get("updated")).asList().containsExactly("m1");
    assertThat(merged.get("created")).asList().containsExactly("m3");
    assertThat(merged.get("deleted")).asList().isEmpty();
    assertThat(new Yaml().<Map<String, Map<String, Object>>>load(export("modes")).get("devices"))
        .containsOnlyKeys("m1", "m2", "m3");

    Map<String, Object> replaced =
        importOk("testbed:\n  name: modes\ndevices:\n  m1:\n    os: iosxe\n", "replace", null);
    assertThat(replaced.get("deleted")).asList().containsExactlyInAnyOrder("m2", "m3");
    assertThat(new Yaml().<Map<String, Map<String, Object>>>load(export("modes")).get("devices"))
        .containsOnlyKeys("m1");
    tx.executeWithoutResult(s -> assertThat(devices.findByName("m2")).isEmpty());
  }

  @Test
  void otherContentTypesAreUnsupported() {
    http.post()
        .uri("/api/v1/testbeds/import")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"testbed\": {\"name\": \"json\"}}")
        .exchange()
        .expectStatus()
        .isEqualTo(415)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    for (String type : List.of("application/x-yaml", "text/yaml")) {
      http.post()
          .uri("/api/v1/testbeds/import?mode=dry-run")
          .contentType(MediaType.parseMediaType(type))
          .bodyValue("testbed:\n  name: typed\n")
          .exchange()
          .expectStatus()
          .isOk();
    }
  }

  @Test
  void openApiDocumentsBothOperations() {
    http.get()
        .uri("/v3/api-docs")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.paths['/api/v1/testbeds/import'].post.operationId")
        .isEqualTo("importTestbed")
        .jsonPath(
            "$.paths['/api/v1/testbeds/import'].post.requestBody.content['application/yaml'].schema.type")
        .isEqualTo("string")
        .jsonPath(
            "$.paths['/api/v1/testbeds/import'].post.responses['201'].content['application/json'].schema.$ref")
        .isEqualTo("#/components/schemas/TestbedImportResult")
        .jsonPath(
            "$.paths['/api/v1/testbeds/import'].post.responses['400'].content['application/problem+json']")
        .exists()
        .jsonPath("$.paths['/api/v1/testbeds/{name}'].get.operationId")
        .isEqualTo("getTestbed")
        .jsonPath(
            "$.paths['/api/v1/testbeds/{name}'].get.responses['200'].content['application/yaml']")
        .exists()
        .jsonPath(
            "$.paths['/api/v1/testbeds/{name}'].get.responses['200'].content['application/json'].schema.$ref")
        .isEqualTo("#/components/schemas/TestbedResponse");
  }
}
