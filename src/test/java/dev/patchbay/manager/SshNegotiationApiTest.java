package dev.patchbay.manager;

import static dev.patchbay.audit.AuditQueries.events;
import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.audit.AuditLog;
import dev.patchbay.testpeer.OpenSshServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Over REST against a real OpenSSH server that offers only legacy algorithms (DH group14-sha1,
 * ssh-rsa): a session is refused with 502 ssh-negotiation-failed naming both sides' lists and the
 * option to add, audited with the same type, and opens once {@code ssh_options} adds them (the port
 * coming from {@code -o Port} too, as the definition names none); a peer that is no SSH server is a
 * 502 protocol-error.
 */
@Timeout(120)
class SshNegotiationApiTest extends SessionApiTestSupport {

  @Autowired AuditLog auditLog;

  @Test
  void legacyDeviceIsANegotiationFailureUntilSshOptionsAddItsAlgorithms() throws Exception {
    try (OpenSshServer sshd = new OpenSshServer("rsa")) {
      sshd.start(
          "a", List.of("KexAlgorithms diffie-hellman-group14-sha1", "HostKeyAlgorithms ssh-rsa"));
      String device = "legacy-" + UUID.randomUUID().toString().substring(0, 8);
      String key = sshd.clientKey().replace("\n", "\\n");
      body(
          post(
              "/api/v1/devices",
              """
              {"name": "%s", "os": "linux",
               "credentials": {"default": {"username": "root", "privateKey": "%s"}},
               "connections": [
                 {"name": "cli", "protocol": "ssh", "host": "127.0.0.1", "port": %d},
                 {"name": "legacy", "protocol": "ssh", "host": "127.0.0.1",
                  "sshOptions": "-oKexAlgorithms=+diffie-hellman-group14-sha1 -oHostkeyAlgorithms=+ssh-rsa -o Port=%d -o ConnectTimeout=5"}]}
              """
                  .formatted(device, key, sshd.port(), sshd.port())),
          201);

      JsonNode refused =
          problem(
              post(sessions(device), "{\"alias\": \"plain\", \"via\": \"cli\"}"),
              502,
              "ssh-negotiation-failed");
      assertThat(refused.path("detail").asString())
          .contains("the device offers kex [diffie-hellman-group14-sha1]; Patchbay offers [")
          .contains("add -oKexAlgorithms=+diffie-hellman-group14-sha1 to ssh_options");
      assertThat(refused.path("algorithm").asString()).isEqualTo("kex");
      assertThat(refused.path("suggestion").asString())
          .isEqualTo("-oKexAlgorithms=+diffie-hellman-group14-sha1");
      assertThat(events(client, auditLog, "device=" + device + "&action=session.open"))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.path("outcome").asString()).isEqualTo("FAILURE");
                assertThat(e.path("detail").asString()).contains("ssh-negotiation-failed");
              });

      JsonNode opened =
          body(post(sessions(device), "{\"alias\": \"old\", \"via\": \"legacy\"}"), 201);
      assertThat(opened.path("state").asString()).isEqualTo("CONNECTED");
      JsonNode echo =
          body(
              post(sessions(device) + "/old/execute", "{\"command\": \"echo legacy-$((40+2))\"}"),
              200);
      assertThat(echo.path("output").asString()).isEqualTo("legacy-42");
      client.delete().uri(sessions(device) + "/old").exchange().expectStatus().is2xxSuccessful();
    }
  }

  @Test
  void aPeerThatIsNoSshServerIsAProtocolError() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      Thread peer =
          Thread.ofPlatform()
              .daemon()
              .start(
                  () -> {
                    try (var socket = server.accept()) {
                      socket.getOutputStream().write("220 smtp.example ESMTP\r\n".getBytes());
                      socket.getOutputStream().flush();
                      Thread.sleep(500); // a mail server waits for a command
                    } catch (Exception ignored) {
                      // the test fails on the answer
                    }
                  });
      String device = "notssh-" + UUID.randomUUID().toString().substring(0, 8);
      body(
          post(
              "/api/v1/devices",
              """
              {"name": "%s", "os": "linux",
               "credentials": {"default": {"username": "root", "password": "x"}},
               "connections": [{"name": "cli", "protocol": "ssh", "host": "127.0.0.1",
                                "port": %d}]}
              """
                  .formatted(device, server.getLocalPort())),
          201);
      JsonNode problem =
          problem(
              post(sessions(device), "{\"alias\": \"a\", \"via\": \"cli\"}"),
              502,
              "protocol-error");
      assertThat(problem.path("detail").asString())
          .contains("is not an SSH server", "220 smtp.example ESMTP");
      peer.join(5_000);
    }
  }
}
