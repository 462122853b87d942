package dev.patchbay.security.masking;

import static org.assertj.core.api.Assertions.assertThat;

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
                + "Authorization: Bearer *****\n"
                + filler
                + "router#");
  }

  @Test
  void returnsTextWithoutSecretNamesAsItIs() {
    String text = "show version\r\nCisco IOS XE Software\r\nrouter#";

    assertThat(SecretMasker.mask(text)).isSameAs(text);
  }
}
