package dev.patchbay.inventory.pyats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.inventory.SecretSealer;
import dev.patchbay.inventory.SecretState;
import dev.patchbay.inventory.StoredSecret;
import dev.patchbay.inventory.pyats.SecretResolver.Previous;
import dev.patchbay.inventory.pyats.SecretResolver.Resolution;
import dev.patchbay.security.secrets.CredentialCipher;
import dev.patchbay.security.secrets.MasterKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Secret resolution without a Spring context, including the case of no pyATS key. */
class SecretResolverTest {

  private final SecretSealer sealer =
      new SecretSealer(new CredentialCipher(MasterKey.of(new byte[32])));
  private final Previous nothingStored = new Previous(Map.of(), Map.of());
  private final YamlPath password =
      YamlPath.root().child("testbed").child("credentials").child("default").child("password");

  @Test
  void withoutAKeyEncTokensStaySealedAsUnresolved() throws Exception {
    SecretResolver resolver = new SecretResolver(sealer, new TestbedFileProperties(""));
    String token = "%ENC{" + FernetTokens.encrypt(FernetTokens.TEST_KEY, "hidden") + "}";
    AtomicReference<StoredSecret> stored = new AtomicReference<>();
    ImportReport report = new ImportReport();

    Resolution resolution =
        resolver.resolve(
            List.of(PendingSecret.credential(password, 5, token, stored::set)),
            nothingStored,
            Map.of(),
            report);

    assertThat(stored.get().getState()).isEqualTo(SecretState.UNRESOLVED);
    assertThat(sealer.revealToken(stored.get())).isEqualTo(token);
    assertThat(resolution.unresolved()).containsExactly(password.toString());
    assertThat(report.warnings()).isEmpty();
  }

  @Test
  void withTheKeyEncTokensAreDecryptedAndForeignTokensReported() throws Exception {
    SecretResolver resolver =
        new SecretResolver(sealer, new TestbedFileProperties(FernetTokens.TEST_KEY));
    AtomicReference<String> host = new AtomicReference<>();
    YamlPath ip =
        YamlPath.root().child("devices").child("r1").child("connections").child("a").child("ip");
    ImportReport report = new ImportReport();

    Resolution resolution =
        resolver.resolve(
            List.of(
                PendingSecret.value(
                    ip,
                    9,
                    "%ENC{" + FernetTokens.encrypt(FernetTokens.TEST_KEY, "10.1.1.1") + "}",
                    host::set),
                PendingSecret.data(password, 5, "%ENC{w5zDmsOD}")),
            nothingStored,
            Map.of(),
            report);

    assertThat(host.get()).isEqualTo("10.1.1.1");
    assertThat(resolution.marks()).hasSize(2);
    assertThat(resolution.unresolved()).containsExactly(password.toString());
    assertThat(report.warnings()).singleElement().satisfies(w -> assertThat(w.line()).isEqualTo(5));
  }

  @Test
  void aMaskKeepsTheStoredSecretOrIsReportedMissing() {
    SecretResolver resolver = new SecretResolver(sealer, new TestbedFileProperties(null));
    StoredSecret before = sealer.seal("kept");
    AtomicReference<StoredSecret> stored = new AtomicReference<>();

    resolver.resolve(
        List.of(PendingSecret.credential(password, 5, SecretSealer.MASK, stored::set)),
        new Previous(Map.of(password.toString(), before), Map.of()),
        Map.of(),
        new ImportReport());
    assertThat(sealer.reveal(stored.get())).isEqualTo("kept");

    Resolution fresh =
        resolver.resolve(
            List.of(PendingSecret.credential(password, 5, SecretSealer.MASK, stored::set)),
            nothingStored,
            Map.of(),
            new ImportReport());
    assertThat(stored.get().getState()).isEqualTo(SecretState.ASK);
    assertThat(stored.get().getPrompt()).isNull();
    assertThat(fresh.missing()).containsExactly(password.toString());
  }

  @Test
  void anUnsetEnvironmentVariableIsKeptAsAReferenceWithAWarning() {
    SecretResolver resolver = new SecretResolver(sealer, new TestbedFileProperties(null));
    ImportReport report = new ImportReport();
    AtomicReference<StoredSecret> stored = new AtomicReference<>();
    Resolution resolution =
        resolver.resolve(
            List.of(
                PendingSecret.credential(
                    password, 7, "%ENV{PATCHBAY_SURELY_UNSET_42}", stored::set)),
            nothingStored,
            Map.of(),
            report);
    assertThat(report.problems()).isEmpty();
    assertThat(stored.get().getState()).isEqualTo(SecretState.ENV);
    assertThat(stored.get().getPrompt()).isEqualTo("PATCHBAY_SURELY_UNSET_42");
    assertThat(resolution.environment()).containsExactly(password.toString());
    assertThat(report.warnings())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("testbed.credentials.default.password");
              assertThat(p.line()).isEqualTo(7);
              assertThat(p.message()).contains("PATCHBAY_SURELY_UNSET_42");
            });
  }

  @Test
  void aValueGivenWithTheFileIsSealedAndKeptByTheNextImportOfTheReference() {
    SecretResolver resolver = new SecretResolver(sealer, new TestbedFileProperties(null));
    AtomicReference<StoredSecret> stored = new AtomicReference<>();
    String reference = "%ENV{PATCHBAY_SURELY_UNSET_42}";
    Resolution first =
        resolver.resolve(
            List.of(PendingSecret.credential(password, 7, reference, stored::set)),
            nothingStored,
            Map.of("PATCHBAY_SURELY_UNSET_42", "given-value"),
            new ImportReport());
    assertThat(sealer.reveal(stored.get())).isEqualTo("given-value");
    assertThat(first.marks())
        .singleElement()
        .satisfies(m -> assertThat(m.exported()).isEqualTo(reference));

    ImportReport again = new ImportReport();
    resolver.resolve(
        List.of(PendingSecret.credential(password, 7, reference, stored::set)),
        new Previous(Map.of(), Map.of(password.toString(), first.marks().getFirst())),
        Map.of(),
        again);
    assertThat(sealer.reveal(stored.get())).isEqualTo("given-value");
    assertThat(again.warnings()).isEmpty();
  }
}
