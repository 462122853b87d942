package dev.patchbay.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** Bad input is answered with 4xx problem documents naming the field, never a 500. */
class InventoryValidationTest extends InventoryApiTestSupport {

  private static String ssh(String name, String extra) {
    return """
        {"name": "%s", "connections": [
          {"name": "cli", "protocol": "ssh", "host": "127.0.0.1"%s}]}
        """
        .formatted(name, extra);
  }

  @Test
  void invalidDeviceNamesAreRejected() {
    problem(post("/api/v1/devices", "{\"name\": \"bad name!\"}"), 400, "validation", "name");
    problem(post("/api/v1/devices", "{\"os\": \"iosxe\"}"), 400, "validation", "name");
    problem(
        post("/api/v1/devices", "{\"name\": \"" + "x".repeat(201) + "\"}"),
        400,
        "validation",
        "name");
    problem(post("/api/v1/testbeds", "{\"name\": \"a/b\"}"), 400, "validation", "name");
  }

  @Test
  void portOutOfRangeNamesTheConnectionField() {
    problem(
        post("/api/v1/devices", ssh(unique("d"), ", \"port\": 0")),
        400,
        "validation",
        "connections[0].port");
    problem(
        post("/api/v1/devices", ssh(unique("d"), ", \"port\": 70000")),
        400,
        "validation",
        "connections[0].port");
  }

  @Test
  void unknownProtocolIsRejected() {
    String body =
        """
        {"name": "%s", "connections": [{"name": "web", "protocol": "https", "host": "h"}]}
        """
            .formatted(unique("d"));
    problem(post("/api/v1/devices", body), 400, "validation", "connections[0].protocol");
    String missing =
        """
        {"name": "%s", "connections": [{"name": "x", "host": "h"}]}
        """
            .formatted(unique("d"));
    problem(post("/api/v1/devices", missing), 400, "validation", "connections[0].protocol");
  }

  @Test
  void serialSettingsOnSshAreRejected() {
    problem(
        post("/api/v1/devices", ssh(unique("d"), ", \"serial\": {\"baudRate\": 9600}")),
        400,
        "validation",
        "connections[0].serial");
  }

  @Test
  void sshAndTelnetNeedAHost() {
    String body =
        """
        {"name": "%s", "connections": [{"name": "cli", "protocol": "ssh"},
                                        {"name": "vty", "protocol": "telnet", "host": " "}]}
        """
            .formatted(unique("d"));
    problem(
        post("/api/v1/devices", body),
        400,
        "validation",
        "connections[0].host",
        "connections[1].host");
  }

  @Test
  void serialNeedsADevicePathAndValidLineSettings() {
    String body =
        """
        {"name": "%s", "connections": [
          {"name": "console", "protocol": "serial",
           "serial": {"baudRate": 9600, "dataBits": 9, "parity": "weird", "stopBits": "3",
                      "flowControl": "dtr"}}]}
        """
            .formatted(unique("d"));
    problem(
        post("/api/v1/devices", body),
        400,
        "validation",
        "connections[0].serial.device",
        "connections[0].serial.dataBits",
        "connections[0].serial.parity",
        "connections[0].serial.stopBits",
        "connections[0].serial.flowControl");
  }

  @Test
  void duplicateConnectionNamesAreRejected() {
    String body =
        """
        {"name": "%s", "connections": [
          {"name": "cli", "protocol": "ssh", "host": "a"},
          {"name": "cli", "protocol": "telnet", "host": "b"}]}
        """
            .formatted(unique("d"));
    problem(post("/api/v1/devices", body), 400, "validation", "connections[1].name");
  }

  @Test
  void otherConnectionFieldsAreChecked() {
    String body =
        ssh(
            unique("d"),
            """
            , "poolSize": 0, "timeouts": {"loginSeconds": -1}, "proxy": 42,
              "credentials": {"bad name": {"username": "u"}}
            """);
    problem(
        post("/api/v1/devices", body),
        400,
        "validation",
        "connections[0].poolSize",
        "connections[0].timeouts.loginSeconds",
        "connections[0].proxy",
        "connections[0].credentials.bad name");
  }

  @Test
  void unknownTestbedAndDefaultViaAreRejected() {
    String body =
        """
        {"name": "%s", "testbed": "no-such-lab", "connections": []}
        """
            .formatted(unique("d"));
    problem(post("/api/v1/devices", body), 400, "validation", "testbed");
    String via =
        """
        {"name": "%s", "connectionDefaults": {"via": "a"}, "connections": []}
        """
            .formatted(unique("d"));
    problem(post("/api/v1/devices", via), 400, "validation", "connectionDefaults.via");
  }

  @Test
  void sshOptionsPatchbayDoesNotApplyAreRefusedNamingThem() {
    JsonNode unknown =
        problem(
            post(
                "/api/v1/devices",
                ssh(unique("d"), ", \"sshOptions\": \"-o Compression=yes -oPort=22\"")),
            400,
            "validation",
            "connections[0].sshOptions");
    assertThat(unknown.path("errors").toString())
        .contains("ssh option Compression is not one that Patchbay applies");
    JsonNode bad =
        problem(
            post(
                "/api/v1/devices",
                ssh(unique("d"), ", \"sshOptions\": \"-o KexAlgorithms=+rot13-kex\"")),
            400,
            "validation",
            "connections[0].sshOptions");
    assertThat(bad.path("errors").toString())
        .contains("KexAlgorithms=+rot13-kex", "does not support");
    body(
        post(
            "/api/v1/devices",
            ssh(
                unique("d"),
                ", \"sshOptions\": \"-oKexAlgorithms=+diffie-hellman-group14-sha1"
                    + " -oHostkeyAlgorithms=+ssh-rsa -o StrictHostKeyChecking=no\"")),
        201);
  }

  @Test
  void typedSshOptionsAreStoredAsOpenSshTextAndReadBackTyped() {
    String name = unique("d");
    JsonNode created =
        body(
            post(
                "/api/v1/devices",
                ssh(
                    name,
                    ", \"ssh\": {\"kexAlgorithms\": \"+diffie-hellman-group14-sha1\","
                        + " \"port\": 2222, \"serverAliveInterval\": 15,"
                        + " \"strictHostKeyChecking\": \"accept-new\"}")),
            201);
    JsonNode cli = created.path("connections").path(0);
    assertThat(cli.path("sshOptions").asString())
        .isEqualTo(
            "-oKexAlgorithms=+diffie-hellman-group14-sha1 -oPort=2222"
                + " -oServerAliveInterval=15 -oStrictHostKeyChecking=accept-new");
    assertThat(cli.path("ssh").path("port").asInt()).isEqualTo(2222);
    assertThat(cli.path("ssh").path("kexAlgorithms").asString())
        .isEqualTo("+diffie-hellman-group14-sha1");
    assertThat(cli.path("ssh").has("ciphers")).as("absent options are left out").isFalse();

    // a client that read both forms and changed the typed one
    String uri = "/api/v1/devices/" + name + "/connections/cli";
    String replaced =
        """
        {"protocol": "ssh", "host": "127.0.0.1", "sshOptions": "%s",
         "ssh": {"kexAlgorithms": "+diffie-hellman-group14-sha1", "port": 2200}}
        """
            .formatted(cli.path("sshOptions").asString());
    JsonNode after = body(put(uri, replaced), 200);
    assertThat(after.path("sshOptions").asString())
        .isEqualTo("-oKexAlgorithms=+diffie-hellman-group14-sha1 -oPort=2200");

    // text written by hand keeps its spelling; the typed view reads it
    String text =
        """
        {"protocol": "ssh", "host": "127.0.0.1",
         "sshOptions": "-o kexalgorithms=+diffie-hellman-group14-sha1 -o User=admin"}
        """;
    JsonNode handWritten = body(put(uri, text), 200);
    assertThat(handWritten.path("sshOptions").asString())
        .isEqualTo("-o kexalgorithms=+diffie-hellman-group14-sha1 -o User=admin");
    assertThat(handWritten.path("ssh").path("user").asString()).isEqualTo("admin");
  }

  @Test
  void typedSshOptionsRefuseWhatPatchbayDoesNotApplyOrRead() {
    JsonNode unknown =
        problem(
            post("/api/v1/devices", ssh(unique("d"), ", \"ssh\": {\"compression\": \"yes\"}")),
            400,
            "validation",
            "connections[0].ssh.compression");
    assertThat(unknown.path("errors").toString()).contains("not an ssh option Patchbay applies");
    problem(
        post("/api/v1/devices", ssh(unique("d"), ", \"ssh\": {\"port\": 70000}")),
        400,
        "validation",
        "connections[0].ssh.port");
    problem(
        post("/api/v1/devices", ssh(unique("d"), ", \"ssh\": {\"macs\": \"+hmac-rot13\"}")),
        400,
        "validation",
        "connections[0].ssh.macs");
    problem(
        post(
            "/api/v1/devices",
            ssh(unique("d"), ", \"ssh\": {\"strictHostKeyChecking\": \"maybe\"}")),
        400,
        "validation",
        "connections[0].ssh.strictHostKeyChecking");
    problem(
        post(
            "/api/v1/devices",
            ssh(unique("d"), ", \"sshOptions\": \"-oPort=1\", \"ssh\": {\"port\": 2}")),
        400,
        "validation",
        "connections[0].ssh");
  }

  @Test
  void proxyJumpNamesDevicesOrTheirHosts() {
    String jump = unique("jump");
    body(
        post(
            "/api/v1/devices",
            """
            {"name": "%s", "connections": [
              {"name": "cli", "protocol": "ssh", "host": "jump-%s.lab", "port": 2201}]}
            """
                .formatted(jump, jump)),
        201);
    JsonNode byName =
        body(
            post(
                "/api/v1/devices",
                ssh(unique("d"), ", \"ssh\": {\"proxyJump\": \"" + jump + "\"}")),
            201);
    assertThat(byName.path("connections").path(0).path("sshOptions").asString())
        .isEqualTo("-oProxyJump=" + jump);
    body(
        post(
            "/api/v1/devices",
            ssh(
                unique("d"),
                ", \"sshOptions\": \"-o ProxyJump=admin@jump-" + jump + ".lab:2201\"")),
        201);
    JsonNode noDevice =
        problem(
            post(
                "/api/v1/devices",
                ssh(unique("d"), ", \"sshOptions\": \"-o ProxyJump=bastion.example.com\"")),
            400,
            "validation",
            "connections[0].sshOptions");
    assertThat(noDevice.path("errors").toString())
        .contains("bastion.example.com", "names no device");
    problem(
        post(
            "/api/v1/devices",
            ssh(unique("d"), ", \"sshOptions\": \"-o ProxyJump=jump-" + jump + ".lab:22\"")),
        400,
        "validation",
        "connections[0].sshOptions");
    problem(
        post(
            "/api/v1/devices",
            ssh(
                unique("d"),
                ", \"proxy\": \"" + jump + "\", \"sshOptions\": \"-o ProxyJump=" + jump + "\"")),
        400,
        "validation",
        "connections[0].proxy");
    String self = unique("d");
    problem(
        post("/api/v1/devices", ssh(self, ", \"sshOptions\": \"-o ProxyJump=" + self + "\"")),
        400,
        "validation",
        "connections[0].sshOptions");
  }

  @Test
  void malformedBodiesAreBadRequests() {
    problem(post("/api/v1/devices", "{\"name\": "), 400, "malformed-request");
    problem(
        post("/api/v1/devices", ssh(unique("d"), ", \"port\": \"abc\"")), 400, "malformed-request");
    problem(post("/api/v1/devices", "[1, 2]"), 400, "malformed-request");
    problem(
        post("/api/v1/devices", "{\"name\": \"x\", \"custom\": \"flat\"}"),
        400,
        "malformed-request");
    problem(
        post("/api/v1/devices", "{\"name\": \"x\", \"connections\": {}}"),
        400,
        "malformed-request");
    String deep = "[".repeat(5000) + "]".repeat(5000);
    problem(
        post("/api/v1/devices", "{\"name\": \"x\", \"custom\": {\"d\": " + deep + "}}"),
        400,
        "malformed-request");
    problem(
        client.post().uri("/api/v1/devices").contentType(MediaType.APPLICATION_JSON).exchange(),
        400,
        "malformed-request");
    problem(
        client
            .patch()
            .uri("/api/v1/devices/whatever")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"os\": ")
            .exchange(),
        400,
        "malformed-request");
  }

  @Test
  void hugeBodyIsRejectedWithoutServerError() {
    String huge = "{\"name\": \"big\", \"custom\": {\"blob\": \"" + "x".repeat(5_000_000) + "\"}}";
    JsonNode problem = body(post("/api/v1/devices", huge), 413);
    assertThat(problem.path("type").asString()).isEqualTo(PROBLEMS + "payload-too-large");
  }

  @Test
  void wrongContentTypeIs415() {
    problem(
        client
            .post()
            .uri("/api/v1/devices")
            .contentType(MediaType.TEXT_PLAIN)
            .bodyValue("name: r1")
            .exchange(),
        415,
        "unsupported-media-type");
  }

  @Test
  void unknownResourcesAre404() {
    problem(get("/api/v1/devices/" + unique("none")), 404, "not-found");
    problem(get("/api/v1/devices/" + unique("none") + "/connections"), 404, "not-found");
    problem(put("/api/v1/devices/" + unique("none"), "{}"), 404, "not-found");
    problem(get("/api/v1/testbeds/" + unique("none")), 404, "not-found");
  }

  @Test
  void duplicateNamesAre409() {
    String name = unique("dup");
    body(post("/api/v1/devices", "{\"name\": \"" + name + "\"}"), 201);
    problem(post("/api/v1/devices", "{\"name\": \"" + name + "\"}"), 409, "conflict");
    String testbed = unique("lab");
    body(post("/api/v1/testbeds", "{\"name\": \"" + testbed + "\"}"), 201);
    problem(post("/api/v1/testbeds", "{\"name\": \"" + testbed + "\"}"), 409, "conflict");
    String cli = "{\"name\": \"cli\", \"protocol\": \"ssh\", \"host\": \"h\"}";
    body(post("/api/v1/devices/" + name + "/connections", cli), 201);
    problem(post("/api/v1/devices/" + name + "/connections", cli), 409, "conflict");
  }

  @Test
  void pagingLimitsAreChecked() {
    problem(get("/api/v1/devices?page=100000000&size=500"), 400, "validation", "page");
    problem(get("/api/v1/devices?size=501"), 400, "validation", "size");
    problem(get("/api/v1/devices?page=-1&size=0"), 400, "validation", "page", "size");
    problem(get("/api/v1/testbeds?size=abc"), 400, "malformed-request");
  }

  @Test
  void failedReplaceLeavesTheDeviceIntact() {
    String name = unique("keep");
    body(post("/api/v1/devices", deviceJson(name, null, "pw")), 201);
    JsonNode before = body(get("/api/v1/devices/" + name), 200);
    problem(
        put(
            "/api/v1/devices/" + name,
            """
            {"os": "junos", "credentials": {},
             "connections": [{"name": "cli", "protocol": "ssh", "host": "h", "port": 70000}]}
            """),
        400,
        "validation",
        "connections[0].port");
    problem(
        put(
            "/api/v1/devices/" + name,
            """
            {"os": "junos", "connections": [{"name": "cli", "protocol": "ssh", "host": "h",
             "credentials": {"x": {"password": "*****"}}}]}
            """),
        400,
        "validation",
        "connections[0].credentials.x.password");
    JsonNode after = body(get("/api/v1/devices/" + name), 200);
    assertThat(after).isEqualTo(before);
  }

  @Test
  void proxyHopsNamingNoDeviceItselfOrACycleAreRefusedAtWriteTime() {
    String jump = unique("jump");
    String target = unique("target");
    body(post("/api/v1/devices", ssh(jump, "")), 201);

    JsonNode missing =
        problem(
            post("/api/v1/devices", ssh(target, ", \"proxy\": \"no-such-jump\"")),
            400,
            "validation",
            "connections[0].proxy");
    assertThat(missing.toString()).contains("proxy hop 'no-such-jump' names no device");

    JsonNode self =
        problem(
            post("/api/v1/devices", ssh(target, ", \"proxy\": [\"%s\"]".formatted(target))),
            400,
            "validation",
            "connections[0].proxy");
    assertThat(self.toString()).contains("proxy hop '" + target + "' is the device itself");

    body(
        post(
            "/api/v1/devices",
            ssh(
                target,
                ", \"proxy\": {\"device\": \"%s\", \"command\": \"telnet 10.1.1.5 2001\"}"
                    .formatted(jump))),
        201);
    String cycle =
        """
        {"name": "cli", "protocol": "ssh", "host": "127.0.0.1", "proxy": "%s"}
        """
            .formatted(target);
    JsonNode closed =
        problem(
            put("/api/v1/devices/" + jump + "/connections/cli", cycle), 400, "validation", "proxy");
    assertThat(closed.toString())
        .contains(
            "proxy hop '" + jump + "' closes a cycle: " + jump + " → " + target + " → " + jump);
    JsonNode malformed =
        problem(
            post(
                "/api/v1/devices/" + jump + "/connections",
                """
                {"name": "vty", "protocol": "telnet", "host": "h", "proxy": [{"command": "x"}]}
                """),
            400,
            "validation",
            "proxy");
    assertThat(malformed.toString()).contains("proxy hop needs 'device'");
  }
}
