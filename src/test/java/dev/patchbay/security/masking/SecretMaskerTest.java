package dev.patchbay.security.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the log safety net masks, and the ordinary text it leaves alone. */
class SecretMaskerTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "password=hunter2 user=x                  | password=***** user=x",
        "LoginCredentials[enablePassword=cisco]   | LoginCredentials[enablePassword=*****]",
        "{\"password\": \"hunter2\", \"a\": 1}    | {\"password\": \"*****\", \"a\": 1}",
        "privateKey: abc123                       | privateKey: *****",
        "PATCHBAY_MASTER_KEY=AAEC+/=              | PATCHBAY_MASTER_KEY=*****",
        "Using generated security password: 5df2  | Using generated security password: *****",
        "enable secret 5 $1$abc$xyz               | enable secret 5 *****",
        "enable secret Sw0rdfish                  | enable secret *****",
        "username ops privilege 15 password 0 pw9 | username ops privilege 15 password 0 *****",
        "snmp-server community Publ1c RO          | snmp-server community ***** RO",
        "tacacs-server key T4c4cs                 | tacacs-server key *****",
        "Authorization: Bearer pb_abcdef0123      | Authorization: Bearer *****",
        "jdbc:postgresql://app:dbpw@db:5432/x     | jdbc:postgresql://app:*****@db:5432/x",
        "the password of credential 'default' is ASK | the password of credential 'default' is ASK",
        "a stored secret cannot be decrypted      | a stored secret cannot be decrypted",
        "host key mismatch for r1                 | host key mismatch for r1",
        "Master key 1a2b3c4d seals secrets        | Master key 1a2b3c4d seals secrets",
        // commands and configuration lines as the audit trail records them
        "enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0 | enable secret 5 *****",
        "enable password s3cret                   | enable password *****",
        "username admin password 0 hunter2        | username admin password 0 *****",
        "tacacs-server key 7 0822455D0A16         | tacacs-server key 7 *****",
        "radius-server host 10.0.0.1 key RadKey   | radius-server host 10.0.0.1 key *****",
        "snmp-server community public RO 10       | snmp-server community ***** RO 10",
        "crypto isakmp key VPNkey address 192.0.2.1 | crypto isakmp key ***** address 192.0.2.1",
        "crypto key generate rsa modulus 2048     | crypto key generate rsa modulus 2048",
        "key chain OSPF-KEYS                      | key chain OSPF-KEYS",
        "' key 1'                                 | ' key 1'",
        "' key-string MyKeyString'                | ' key-string *****'",
        "ip ospf message-digest-key 1 md5 ospfpass | ip ospf message-digest-key 1 md5 *****",
        "neighbor 192.0.2.2 password BgpPass      | neighbor 192.0.2.2 password *****",
        "show running-config                      | show running-config",
        "'show run | include password'            | 'show run | include password'",
        "interface GigabitEthernet1               | interface GigabitEthernet1",
        "snmp-server enable traps                 | snmp-server enable traps",
        "password 7                               | password *****",
        "Enable SECRET Cisco                      | Enable SECRET *****",
        "'line\tpassword\tx'                    | 'line\tpassword\t*****'",
        "snmp-server user u g v3 auth sha A1 priv aes 128 P2 | snmp-server user u g v3 auth sha ***** priv aes 128 *****",
        "ntp authentication-key 1 md5 N7 7        | ntp authentication-key 1 md5 ***** 7",
        "export API_KEY=abc; ls                   | export API_KEY=*****; ls",
        "DB_PASSWORD='two words' ./run            | DB_PASSWORD='*****' ./run",
      })
  void masksSecretValuesOnly(String line, String masked) {
    assertThat(SecretMasker.mask(line)).isEqualTo(masked);
  }

  @Test
  void masksOnlyTheLinesNamingASecretInLongOutput() {
    String filler = "Cisco IOS XE Software, Version 17.9.4a\r\nuptime is 3 weeks\r\n".repeat(200);
    String text =
        filler
            + "username ops password 0 pw9\r\n"
            + "enable secret Sw0rdfish\r\n"
            + filler
            + "Authorization: Bearer\n  pb_abcdef0123\n"
            + filler
            + "router#";

    String masked = SecretMasker.mask(text);

    assertThat(masked)
        .isEqualTo(
            filler
                + "username ops password 0 *****\r\n"
                + "enable secret *****\r\n"
                + filler
                + "Authorization: Bearer\n  *****\n"
                + filler
                + "router#");
  }

  @Test
  void everyBuiltInRuleMasksTheSecretsOfItsExample() {
    for (SecretRule rule : SecretRules.builtIn().rules()) {
      List<String> secrets = rule.secretsIn(rule.example());
      String masked = SecretMasker.mask(rule.example());
      assertThat(secrets).as(rule.name()).isNotEmpty();
      assertThat(secrets).as(rule.name()).noneMatch(masked::contains);
      assertThat(masked).as(rule.name()).contains(SecretMasker.MASK);
    }
  }

  @Test
  void theRulesCoverEveryFamilyTheIssueNames() {
    assertThat(SecretRules.builtIn().rules())
        .extracting(SecretRule::family)
        .contains("generic", "ios", "nxos", "iosxr", "junos", "shell");
  }

  @Test
  void aConfiguredRuleRunsOnRe2AndIsCheckedAgainstItsExample() {
    SecretRule rule =
        SecretRules.configured(
            "lab-vault", "vault-pin (\\d+)", null, List.of("vault"), "vault-pin 4711 set");
    SecretRules rules = SecretRules.builtIn().with(List.of(rule));

    assertThat(rules.mask("ok\nvault-pin 4711 set\n")).isEqualTo("ok\nvault-pin ***** set\n");
    assertThatThrownBy(() -> SecretRules.configured("x", "a(?=b)", null, null, "ab"))
        .hasMessageContaining("secret rule 'x'")
        .hasMessageContaining("not valid RE2");
    assertThatThrownBy(() -> SecretRules.configured("y", "pin (\\d+)", null, null, "no pin"))
        .hasMessageContaining("needs an example line in which it finds a secret");
    assertThatThrownBy(() -> SecretRules.configured("z", "pin (\\d+)", List.of(2), null, "pin 1"))
        .hasMessageContaining("group must name capturing groups");
    assertThatThrownBy(() -> rules.with(List.of(rule)))
        .hasMessageContaining("another rule has the same name");
  }

  @Test
  void findsKeywordsInAnyCaseInsideWordsAndOfOneCharacter() {
    SecretRule pin = SecretRules.configured("pin", "pin=(\\d+)", null, List.of("pin="), "pin=1234");
    SecretRule at = SecretRules.configured("at", "@(\\w+)", null, List.of("@"), "x @abc");
    SecretRules rules = SecretRules.builtIn().with(List.of(pin, at));

    assertThat(rules.mask("xx\nSETPIN=987 ok\n")).isEqualTo("xx\nSETPIN=***** ok\n");
    assertThat(rules.mask("mail ops@lab\n")).isEqualTo("mail ops@*****\n");
    assertThat(rules.mask("ends with @tail")).isEqualTo("ends with @*****");
    assertThat(rules.mask("nothing here\n")).isEqualTo("nothing here\n");
  }

  @Test
  void returnsTextWithoutSecretNamesAsItIs() {
    String text = "show version\r\nCisco IOS XE Software\r\nrouter#";

    assertThat(SecretMasker.mask(text)).isSameAs(text);
  }
}
