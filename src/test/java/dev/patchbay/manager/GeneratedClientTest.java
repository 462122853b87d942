package dev.patchbay.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.client.ApiClient;
import dev.patchbay.client.ApiException;
import dev.patchbay.client.api.SessionsApi;
import dev.patchbay.client.model.ConfigureDeviceRequest;
import dev.patchbay.client.model.ConfigureDeviceResponse;
import dev.patchbay.client.model.ExecuteCommandRequest;
import dev.patchbay.client.model.ExecuteCommandResponse;
import dev.patchbay.client.model.OpenSessionRequest;
import dev.patchbay.client.model.SessionResponse;
import dev.patchbay.testsupport.TestApiToken;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A client generated at build time from the committed {@code docs/openapi.json} (openapi-generator,
 * Java {@code native} library) runs open → execute → configure → close against the running service:
 * the published contract is usable as is.
 */
@Timeout(60)
class GeneratedClientTest extends SessionApiTestSupport {

  @LocalServerPort int port;

  @Test
  void opensExecutesConfiguresAndCloses() throws ApiException {
    String device = registerDevice("client");
    ApiClient client = new ApiClient();
    client.updateBaseUri("http://127.0.0.1:" + port);
    client.setRequestInterceptor(
        request -> request.header("Authorization", TestApiToken.bearer(TestApiToken.ADMIN)));
    SessionsApi sessions = new SessionsApi(client);

    OpenSessionRequest open = new OpenSessionRequest().via("vty").alias("gen");
    SessionResponse opened = sessions.openSession(device, "open-" + device, null, null, open);
    assertThat(sessions.openSession(device, "open-" + device, null, null, open))
        .as("a retry with the same Idempotency-Key answers the first session")
        .isEqualTo(opened);
    assertThat(opened.getState()).isEqualTo(SessionResponse.StateEnum.CONNECTED);
    assertThat(opened.getProtocol()).isEqualTo("telnet");

    ExecuteCommandResponse version =
        sessions.executeCommand(
            device, "gen", new ExecuteCommandRequest().command("show version"), null, null);
    assertThat(version.getOutput()).startsWith("Cisco IOS XE Software");

    ConfigureDeviceResponse configured =
        sessions.configureDevice(
            device,
            "gen",
            new ConfigureDeviceRequest()
                .lines(List.of("interface Loopback9", "description generated-client")),
            null,
            null);
    assertThat(configured.getLines()).isEqualTo(2);

    assertThat(sessions.listSessions(device)).extracting(SessionResponse::getAlias).contains("gen");
    sessions.closeSession(device, "gen", null, null);
    assertThatThrownBy(() -> sessions.getSession(device, "gen"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(404);
              assertThat(e.getResponseBody()).contains("session-not-found");
            });
  }
}
