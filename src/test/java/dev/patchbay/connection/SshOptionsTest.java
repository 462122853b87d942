package dev.patchbay.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.connection.SshAlgorithms.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code ssh_options} parser: OpenSSH's -o syntaxes, list modifiers, case, bad input. */
class SshOptionsTest {

  private static SshOptions ok(String text) {
    SshOptions.Parsed parsed = SshOptions.parse(text);
    assertThat(parsed.problems()).as(text).isEmpty();
    return parsed.options();
  }

  @Test
  void nothingIsTheDefaults() {
    assertThat(ok(null)).isEqualTo(SshOptions.NONE);
    assertThat(ok("  ")).isEqualTo(SshOptions.NONE);
    assertThat(SshOptions.NONE.algorithms(Kind.KEX))
        .contains("curve25519-sha256", "diffie-hellman-group14-sha256")
        .doesNotContain("diffie-hellman-group14-sha1", "diffie-hellman-group1-sha1");
    assertThat(SshOptions.NONE.algorithms(Kind.HOST_KEY))
        .contains("ssh-ed25519", "ecdsa-sha2-nistp256", "rsa-sha2-512", "rsa-sha2-256")
        .doesNotContain("ssh-rsa");
    assertThat(SshOptions.NONE.algorithms(Kind.CIPHER))
        .contains("chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com", "aes256-ctr")
        .noneMatch(c -> c.endsWith("-cbc"));
    assertThat(SshOptions.NONE.algorithms(Kind.MAC))
        .allMatch(m -> m.startsWith("hmac-sha2-"))
        .contains("hmac-sha2-256-etm@openssh.com");
  }

  @Test
  void everySyntaxOfMinusO() {
    List<String> forms =
        List.of(
            "-oPort=2222",
            "-o Port=2222",
            "-o Port 2222",
            "-o Port = 2222",
            "-o \"Port 2222\"",
            "-o 'Port = 2222'",
            "-oport=2222",
            "-o PORT=2222");
    for (String form : forms) {
      assertThat(ok(form).port()).as(form).isEqualTo(2222);
    }
  }

  @Test
  void everyOptionPatchbayApplies() {
    SshOptions options =
        ok(
            "-o User=admin -o ConnectTimeout=7 -o ServerAliveInterval=15"
                + " -o ServerAliveCountMax=3 -o StrictHostKeyChecking=accept-new"
                + " -o PubkeyAcceptedKeyTypes=+ssh-rsa");
    assertThat(options.user()).isEqualTo("admin");
    assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(options.serverAliveInterval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(options.serverAliveCountMax()).isEqualTo(3);
    assertThat(options.strictHostKeyChecking()).isEqualTo(HostKeyPolicy.TOFU);
    assertThat(options.algorithms(Kind.PUBKEY)).endsWith("ssh-rsa");
    assertThat(ok("-o StrictHostKeyChecking=no").strictHostKeyChecking())
        .isEqualTo(HostKeyPolicy.INSECURE);
    assertThat(ok("-o StrictHostKeyChecking=yes").strictHostKeyChecking())
        .isEqualTo(HostKeyPolicy.STRICT);
    assertThat(ok("-o PubkeyAcceptedAlgorithms=ssh-ed25519").algorithms(Kind.PUBKEY))
        .containsExactly("ssh-ed25519");
  }

  @Test
  void listModifiers() {
    List<String> defaults = SshAlgorithms.defaults(Kind.KEX);
    List<String> appended = new ArrayList<>(defaults);
    appended.add("diffie-hellman-group14-sha1");
    assertThat(ok("-oKexAlgorithms=+diffie-hellman-group14-sha1").algorithms(Kind.KEX))
        .isEqualTo(appended);
    assertThat(
            ok("-o KexAlgorithms=-ecdh-sha2-*,diffie-hellman-group14-sha256").algorithms(Kind.KEX))
        .doesNotContain(
            "ecdh-sha2-nistp256",
            "ecdh-sha2-nistp384",
            "ecdh-sha2-nistp521",
            "diffie-hellman-group14-sha256")
        .contains("curve25519-sha256");
    assertThat(ok("-o KexAlgorithms=^diffie-hellman-group14-sha1").algorithms(Kind.KEX))
        .startsWith("diffie-hellman-group14-sha1", defaults.get(0))
        .hasSize(defaults.size() + 1);
    assertThat(ok("-o Ciphers=aes256-ctr,aes128-cbc").algorithms(Kind.CIPHER))
        .containsExactly("aes256-ctr", "aes128-cbc");
    assertThat(ok("-o MACs=+hmac-sha1").algorithms(Kind.MAC)).endsWith("hmac-sha1");
    assertThat(
            ok("-oKexAlgorithms=+diffie-hellman-group14-sha1 -oHostkeyAlgorithms=+ssh-rsa")
                .algorithms(Kind.HOST_KEY))
        .endsWith("ssh-rsa")
        .startsWith("ssh-ed25519");
  }

  @Test
  void proxyJumpListsJumpHostsFirstHopFirst() {
    assertThat(ok("-o ProxyJump=jump1,admin@jump2:2222,ssh://ops@[::1]:22,term_server").proxyJump())
        .containsExactly(
            new JumpHost(null, "jump1", null),
            new JumpHost("admin", "jump2", 2222),
            new JumpHost("ops", "::1", 22),
            new JumpHost(null, "term_server", null));
    assertThat(ok("-o ProxyJump=none").proxyJump()).isEmpty();
    assertThat(ok("-o Port=22").proxyJump()).as("not given").isNull();
    for (String bad : List.of("a,,b", "jump:99999", "@jump", "jump:x", "a/b")) {
      assertThat(SshOptions.parse("-o ProxyJump=" + bad).problems())
          .as(bad)
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.option()).isEqualTo("ProxyJump");
                assertThat(p.unsupported()).isFalse();
              });
    }
  }

  @Test
  void writtenKeepsEachAppliedOptionInItsOpenSshSpelling() {
    SshOptions.Parsed parsed =
        SshOptions.parse(
            "-o kexalgorithms=+diffie-hellman-group14-sha1 -oPORT=2 -o Compression=yes");
    assertThat(parsed.written())
        .containsExactly(
            java.util.Map.entry("KexAlgorithms", "+diffie-hellman-group14-sha1"),
            java.util.Map.entry("Port", "2"));
    assertThat(SshOptions.render(parsed.written()))
        .isEqualTo("-oKexAlgorithms=+diffie-hellman-group14-sha1 -oPort=2");
    assertThat(
            SshOptions.parse(SshOptions.render(java.util.Map.of("User", "a b"))).options().user())
        .isEqualTo("a b");
  }

  @Test
  void theFirstValueOfAnOptionWins() {
    assertThat(ok("-o Port=1 -o port=2").port()).isEqualTo(1);
  }

  @Test
  void problemsNameTheOption() {
    SshOptions.Parsed parsed =
        SshOptions.parse(
            "-o UserKnownHostsFile=/dev/null -o Port=99999 -o KexAlgorithms=+foo-sha1 -p 22"
                + " -o Ciphers=-* -o Compression=yes -o StrictHostKeyChecking=maybe -o");
    assertThat(parsed.problems())
        .extracting(SshOptions.Problem::option)
        .containsExactly(
            "UserKnownHostsFile",
            "Port",
            "KexAlgorithms",
            "-p",
            "22",
            "Ciphers",
            "Compression",
            "StrictHostKeyChecking",
            "-o");
    assertThat(parsed.problems())
        .extracting(SshOptions.Problem::unsupported)
        .containsExactly(true, false, false, true, true, false, true, false, false);
    assertThat(parsed.problems().get(0).message())
        .isEqualTo("ssh option UserKnownHostsFile is not one that Patchbay applies");
    assertThat(parsed.problems().get(1).message()).contains("Port=99999", "from 1 to 65535");
    assertThat(parsed.problems().get(2).message())
        .contains("foo-sha1", "does not support", "diffie-hellman-group14-sha1");
    assertThat(parsed.problems().get(5).message()).contains("leaves no algorithm");
    assertThat(parsed.options().port()).isNull();
    assertThat(parsed.options().algorithms()).isEmpty();
  }
}
