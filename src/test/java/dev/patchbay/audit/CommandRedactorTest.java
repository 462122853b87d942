package dev.patchbay.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandRedactorTest {

  @ParameterizedTest
  @CsvSource(
      delimiterString = "=>",
      value = {
        "enable secret cisco123                      => enable secret *****",
        "enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0 => enable secret 5 *****",
        "enable password s3cret                      => enable password *****",
        "username admin password 0 hunter2           => username admin password 0 *****",
        "username ops privilege 15 secret 9 $9$abc   => username ops privilege 15 secret 9 *****",
        "tacacs-server key 7 0822455D0A16            => tacacs-server key 7 *****",
        "radius-server host 10.0.0.1 key RadKey      => radius-server host 10.0.0.1 key *****",
        "snmp-server community public RO 10          => snmp-server community ***** RO 10",
        "crypto isakmp key VPNkey address 192.0.2.1  => crypto isakmp key ***** address 192.0.2.1",
        "crypto key generate rsa modulus 2048        => crypto key generate rsa modulus 2048",
        "key chain OSPF-KEYS                         => key chain OSPF-KEYS",
        "' key-string MyKeyString'                   => ' key-string *****'",
        "ip ospf message-digest-key 1 md5 ospfpass   => ip ospf message-digest-key 1 md5 *****",
        "neighbor 192.0.2.2 password BgpPass         => neighbor 192.0.2.2 password *****",
        "show running-config                         => show running-config",
        "show run | include password                 => show run | include password",
        "interface GigabitEthernet1                  => interface GigabitEthernet1",
        "password 7                                  => password *****",
      })
  void masksTheSecretWordOnly(String command, String audited) {
    assertThat(CommandRedactor.redact(command)).isEqualTo(audited);
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = "=>",
      value = {
        "Enable SECRET Cisco => Enable SECRET *****",
        "line\tpassword\tx   => line\tpassword\t*****"
      })
  void ignoresCaseAndKeepsWhitespace(String command, String audited) {
    assertThat(CommandRedactor.redact(command)).isEqualTo(audited);
  }

  @Test
  void nullStaysNull() {
    assertThat(CommandRedactor.redact(null)).isNull();
  }
}
