package dev.patchbay.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.api.FieldProblem;
import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import dev.patchbay.connection.DriverOptions;
import dev.patchbay.connection.HostKeyPolicy;
import dev.patchbay.connection.SshAlgorithms;
import dev.patchbay.inventory.ConnectionDefinition;
import dev.patchbay.inventory.Device;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A definition's {@code settings} and {@code ssh_options} typed as driver options. */
class DriverOptionsReaderTest {

  private static ConnectionDefinition definition(Map<String, Object> settings, String sshOptions) {
    ConnectionDefinition definition = new ConnectionDefinition("cli");
    definition.setProtocol("ssh");
    definition.setSettings(settings);
    definition.setSshOptions(sshOptions);
    new Device("r1").addConnection(definition);
    return definition;
  }

  @Test
  void noSettingsAreTheDefaults() {
    assertThat(DriverOptionsReader.read(definition(Map.of(), null)))
        .isEqualTo(DriverOptions.DEFAULT)
        .isEqualTo(new DriverOptions(HostKeyPolicy.TOFU, Duration.ofSeconds(30), false, false));
  }

  @Test
  void typesEverySetting() {
    DriverOptions options =
        DriverOptionsReader.read(
            definition(
                Map.of(
                    "host_key_policy", " Strict ",
                    "keepalive_seconds", 5,
                    "exclusive", "TRUE",
                    "reconnect", true,
                    "unknown", "ignored"),
                null));
    assertThat(options)
        .isEqualTo(new DriverOptions(HostKeyPolicy.STRICT, Duration.ofSeconds(5), true, true));
    assertThat(DriverOptionsReader.read(definition(Map.of("keepalive_seconds", "0"), null)))
        .extracting(DriverOptions::keepalive)
        .isEqualTo(Duration.ZERO);
    assertThat(DriverOptionsReader.read(definition(Map.of("exclusive", "yes"), null)).exclusive())
        .isFalse();
  }

  @Test
  void enableOnConnectIsTheDefaultAndFalseKeepsUserExec() {
    assertThat(DriverOptionsReader.read(definition(Map.of(), null)).enableOnConnect()).isTrue();
    assertThat(DriverOptionsReader.read(definition(Map.of("enable_on_connect", " False "), null)))
        .isEqualTo(DriverOptions.DEFAULT.withEnableOnConnect(false));
    assertThat(
            DriverOptionsReader.read(definition(Map.of("enable_on_connect", true), null))
                .enableOnConnect())
        .isTrue();
    assertThatThrownBy(
            () -> DriverOptionsReader.read(definition(Map.of("enable_on_connect", "no"), null)))
        .isInstanceOfSatisfying(
            PatchbayException.class,
            e ->
                assertThat(e.errors())
                    .containsExactly(
                        new FieldProblem(
                            "devices.r1.connections.cli.settings.enable_on_connect",
                            "must be true or false, not 'no'")));
  }

  @Test
  void strictHostKeyCheckingNoInSshOptionsIsInsecureUnlessAPolicyIsNamed() {
    String sshOptions = "-o UserKnownHostsFile=/dev/null -o StrictHostKeyChecking = no";
    assertThat(DriverOptionsReader.read(definition(Map.of(), sshOptions)).hostKeyPolicy())
        .isEqualTo(HostKeyPolicy.INSECURE);
    assertThat(
            DriverOptionsReader.read(definition(Map.of("host_key_policy", "tofu"), sshOptions))
                .hostKeyPolicy())
        .isEqualTo(HostKeyPolicy.TOFU);
    Map<String, Object> explicitNull = new HashMap<>();
    explicitNull.put("host_key_policy", null);
    assertThat(DriverOptionsReader.read(definition(explicitNull, sshOptions)).hostKeyPolicy())
        .isEqualTo(HostKeyPolicy.TOFU);
    // as OpenSSH: yes trusts only keys known beforehand, accept-new pins the first one
    assertThat(
            DriverOptionsReader.read(definition(Map.of(), "-o StrictHostKeyChecking=yes"))
                .hostKeyPolicy())
        .isEqualTo(HostKeyPolicy.STRICT);
    assertThat(
            DriverOptionsReader.read(definition(Map.of(), "-oStrictHostKeyChecking=accept-new"))
                .hostKeyPolicy())
        .isEqualTo(HostKeyPolicy.TOFU);
  }

  @Test
  void sshOptionsAreTyped() {
    DriverOptions options =
        DriverOptionsReader.read(
            definition(
                Map.of(),
                "-oKexAlgorithms=+diffie-hellman-group14-sha1 -o ServerAliveInterval=10"
                    + " -o ServerAliveCountMax=2"));
    assertThat(options.keepalive()).isEqualTo(Duration.ofSeconds(10));
    assertThat(options.ssh().serverAliveCountMax()).isEqualTo(2);
    assertThat(options.ssh().algorithms(SshAlgorithms.Kind.KEX))
        .endsWith("diffie-hellman-group14-sha1");
    assertThat(
            DriverOptionsReader.read(
                    definition(Map.of("keepalive_seconds", 5), "-o ServerAliveInterval=10"))
                .keepalive())
        .isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void aBadValueOfAnAppliedSshOptionIsAValidationProblem() {
    assertThatThrownBy(() -> DriverOptionsReader.read(definition(Map.of(), "-o Ciphers=rot13")))
        .isInstanceOfSatisfying(
            PatchbayException.class,
            e -> {
              assertThat(e.type()).isEqualTo(ProblemType.VALIDATION);
              assertThat(e.getMessage())
                  .startsWith("connection 'r1/cli': ssh option Ciphers=rot13");
              assertThat(e.errors())
                  .extracting(FieldProblem::field)
                  .containsExactly("devices.r1.connections.cli.ssh_options");
            });
  }

  @Test
  void badValuesAreValidationProblemsNamingTheSetting() {
    assertThatThrownBy(
            () -> DriverOptionsReader.read(definition(Map.of("host_key_policy", "trusting"), null)))
        .isInstanceOfSatisfying(
            PatchbayException.class,
            e -> {
              assertThat(e.type()).isEqualTo(ProblemType.VALIDATION);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "connection 'r1/cli' setting host_key_policy must be tofu, strict or"
                          + " insecure, not 'trusting'");
              assertThat(e.errors())
                  .containsExactly(
                      new FieldProblem(
                          "devices.r1.connections.cli.settings.host_key_policy",
                          "must be tofu, strict or insecure, not 'trusting'"));
            });
    assertThatThrownBy(
            () -> DriverOptionsReader.read(definition(Map.of("keepalive_seconds", "30s"), null)))
        .isInstanceOfSatisfying(
            PatchbayException.class,
            e -> {
              assertThat(e.type()).isEqualTo(ProblemType.VALIDATION);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "connection 'r1/cli' setting keepalive_seconds must be a whole number of"
                          + " seconds, not '30s'");
            });
  }
}
