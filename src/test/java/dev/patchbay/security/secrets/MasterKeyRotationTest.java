package dev.patchbay.security.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.PatchbayApplication;
import dev.patchbay.connection.BaseConnection;
import dev.patchbay.inventory.Device;
import dev.patchbay.inventory.DeviceRepository;
import dev.patchbay.inventory.SecretSealer;
import dev.patchbay.inventory.StoredSecret;
import dev.patchbay.inventory.pyats.ImportMode;
import dev.patchbay.inventory.pyats.TestbedFileLayoutRepository;
import dev.patchbay.inventory.pyats.TestbedImporter;
import dev.patchbay.inventory.pyats.TestbedUpload;
import dev.patchbay.manager.ConnectionFactory;
import dev.patchbay.simulator.DeviceSpec;
import dev.patchbay.simulator.Protocol;
import dev.patchbay.simulator.SimulatorExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Master key rotation across restarts: secrets stored under key A (including a legacy {@code gcm1}
 * value) are re-sealed under key B with A configured as previous; with A dropped, a new start still
 * decrypts them and logs in to a simulated device. Also the command-line rotation of the embedded
 * key file, and a value sealed under an unknown key, which aborts the rotation.
 */
@Timeout(120)
class MasterKeyRotationTest {

  private static final String KEY_A = key();
  private static final String KEY_B = key();
  private static final String KEY_C = key();
  private static final String SERVER_SECRET = "Server-Pass-Rotation-41";

  @RegisterExtension
  static final SimulatorExtension sim =
      SimulatorExtension.with(DeviceSpec.of("r1", "iosxe", Protocol.SSH));

  @TempDir Path dataDir;

  @Test
  void configuredKeysRotateAndTheOldKeyCanBeDropped() {
    try (ConfigurableApplicationContext a = start("--patchbay.security.master-key=" + KEY_A)) {
      importTestbed(a);
      jdbc(a)
          .update(
              "update credential set password_sealed = ? where name = 'enable'",
              legacySeal(KEY_A, "cisco"));
      jdbc(a)
          .update(
              "insert into idempotency_record (token_id, idem_key, fingerprint, status, body,"
                  + " created_at, expires_at) values (1, 'k', 'f', 201, ?, CURRENT_TIMESTAMP,"
                  + " CURRENT_TIMESTAMP + INTERVAL '1' DAY)",
              new CredentialCipher(MasterKeys.decode(KEY_A, "A")).seal("{\"token\": \"t\"}"));
      assertThat(sealedValues(a))
          .allMatch(v -> v.startsWith("gcm2:" + id(KEY_A) + ":") || v.startsWith("gcm1:"));
    }
    try (ConfigurableApplicationContext b =
        start(
            "--patchbay.security.master-key=" + KEY_B,
            "--patchbay.security.previous-master-keys=" + KEY_A)) {
      RotationReport report = b.getBean(MasterKeyRotation.class).rotate();
      assertThat(report.keyId()).isEqualTo(id(KEY_B));
      assertThat(report.stores())
          .containsExactlyInAnyOrder(
              new SealedSecrets.ResealCount("credentials", 3, 0),
              new SealedSecrets.ResealCount("testbed-file-secrets", 1, 0),
              new SealedSecrets.ResealCount("idempotency-responses", 1, 0));
      assertThat(b.getBean(MasterKeyRotation.class).rotate().unchanged()).isEqualTo(5);
    }
    try (ConfigurableApplicationContext b = start("--patchbay.security.master-key=" + KEY_B)) {
      assertThat(sealedValues(b)).hasSize(4).allMatch(v -> v.startsWith("gcm2:" + id(KEY_B) + ":"));
      assertSecretsOpen(b);
      assertLogsIn(b);
    }
  }

  @Test
  void aValueUnderAnUnknownKeyAbortsTheRotationAndChangesNothing() {
    try (ConfigurableApplicationContext a = start("--patchbay.security.master-key=" + KEY_A)) {
      importTestbed(a);
      jdbc(a)
          .update(
              "update credential set password_sealed = ? where name = 'enable'",
              new CredentialCipher(MasterKeys.decode(KEY_C, "C")).seal("cisco"));
    }
    try (ConfigurableApplicationContext b =
        start(
            "--patchbay.security.master-key=" + KEY_B,
            "--patchbay.security.previous-master-keys=" + KEY_A)) {
      List<String> before = sealedValues(b);
      assertThatThrownBy(() -> b.getBean(MasterKeyRotation.class).rotate())
          .isInstanceOf(SecretUnreadableException.class)
          .hasMessageContaining("sealed under master key " + id(KEY_C))
          .hasMessageContaining("previous-master-keys");
      assertThat(sealedValues(b)).isEqualTo(before);
    }
  }

  @Test
  void theCommandRotatesTheEmbeddedKeyFile() throws Exception {
    try (ConfigurableApplicationContext first = start()) {
      importTestbed(first);
    }
    Path keyFile = dataDir.resolve("master.key");
    String oldKey = Files.readString(keyFile);

    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int status =
        MasterKeyRotationCommand.run(
            PatchbayApplication.class,
            new PrintStream(output, true, StandardCharsets.UTF_8),
            Stream.concat(Stream.of(MasterKeyRotationCommand.FLAG), commonArgs().stream())
                .toArray(String[]::new));

    String printed = output.toString(StandardCharsets.UTF_8);
    assertThat(status).as(printed).isZero();
    String newKey = Files.readString(keyFile);
    assertThat(newKey).isNotEqualTo(oldKey);
    assertThat(printed)
        .contains("sealed under key " + id(newKey), "4 re-sealed")
        .doesNotContain(oldKey, newKey);
    assertThat(dataDir.resolve("master.key.previous")).doesNotExist();
    try (ConfigurableApplicationContext next = start()) {
      assertThat(sealedValues(next)).allMatch(v -> v.startsWith("gcm2:" + id(newKey) + ":"));
      assertSecretsOpen(next);
      assertLogsIn(next);
    }
  }

  // --- helpers

  private ConfigurableApplicationContext start(String... args) {
    List<String> all = new ArrayList<>(commonArgs());
    all.add("--server.port=0");
    all.addAll(List.of(args));
    return SpringApplication.run(PatchbayApplication.class, all.toArray(String[]::new));
  }

  private List<String> commonArgs() {
    return List.of(
        "--patchbay.data-dir=" + dataDir,
        "--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE",
        "--patchbay.simulator.enabled=false");
  }

  private void importTestbed(ConfigurableApplicationContext context) {
    String yaml =
        """
        testbed:
          name: rotation-lab
          credentials:
            default: {username: admin, password: admin}
            enable: {password: cisco}
          servers:
            tftp:
              address: 10.0.0.1
              credentials:
                default: {username: tftp, password: %s}
        devices:
          rot-r1:
            os: iosxe
            type: router
            credentials:
              default: {username: admin, password: admin}
            connections:
              cli:
                protocol: ssh
                ip: 127.0.0.1
                port: %d
                settings: {host_key_policy: insecure}
        """
            .formatted(SERVER_SECRET, sim.device("r1").port());
    context
        .getBean(TestbedImporter.class)
        .importFile(TestbedUpload.of(yaml), ImportMode.MERGE, null);
  }

  private static JdbcTemplate jdbc(ConfigurableApplicationContext context) {
    return context.getBean(JdbcTemplate.class);
  }

  /** Every sealed value in the database: credential columns and testbed file secret marks. */
  private static List<String> sealedValues(ConfigurableApplicationContext context) {
    List<String> values =
        new ArrayList<>(
            jdbc(context)
                .queryForList(
                    "select password_sealed from credential where password_sealed is not null"
                        + " order by id",
                    String.class));
    context.getBean(TestbedFileLayoutRepository.class).findAll().stream()
        .flatMap(layout -> layout.getSecretMarks().stream())
        .forEach(mark -> values.add(mark.sealed()));
    return values;
  }

  private static void assertSecretsOpen(ConfigurableApplicationContext context) {
    SecretSealer sealer = context.getBean(SecretSealer.class);
    new TransactionTemplate(context.getBean(PlatformTransactionManager.class))
        .executeWithoutResult(
            status -> {
              Device device =
                  context.getBean(DeviceRepository.class).findByName("rot-r1").orElseThrow();
              assertThat(sealer.reveal(device.getCredentials().getFirst().getPassword()))
                  .isEqualTo("admin");
              assertThat(
                      device.getTestbed().getCredentials().stream()
                          .map(c -> sealer.reveal(c.getPassword())))
                  .containsExactlyInAnyOrder("admin", "cisco");
            });
    assertThat(
            context.getBean(TestbedFileLayoutRepository.class).findAll().stream()
                .flatMap(layout -> layout.getSecretMarks().stream())
                .map(mark -> sealer.reveal(StoredSecret.stored(mark.sealed()))))
        .containsExactly(SERVER_SECRET);
  }

  /** Opens the device's definition with the decrypted credentials: login and enable succeed. */
  private static void assertLogsIn(ConfigurableApplicationContext context) {
    BaseConnection connection =
        new TransactionTemplate(context.getBean(PlatformTransactionManager.class))
            .execute(
                status ->
                    context
                        .getBean(ConnectionFactory.class)
                        .create(
                            context
                                .getBean(DeviceRepository.class)
                                .findByName("rot-r1")
                                .orElseThrow()
                                .getConnections()
                                .getFirst()));
    try {
      connection.open();
      assertThat(connection.state().name()).isEqualTo("CONNECTED");
    } finally {
      connection.close();
    }
  }

  private static String key() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  private static String id(String base64Key) {
    return MasterKeys.decode(base64Key, "test").id();
  }

  /** The pre-rotation format: {@code gcm1:<base64(iv | ciphertext | tag)>}, no key id. */
  private static String legacySeal(String base64Key, String plaintext) {
    try {
      byte[] iv = new byte[12];
      new SecureRandom().nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(Base64.getDecoder().decode(base64Key), "AES"),
          new GCMParameterSpec(128, iv));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[iv.length + sealed.length];
      System.arraycopy(iv, 0, out, 0, iv.length);
      System.arraycopy(sealed, 0, out, iv.length, sealed.length);
      return "gcm1:" + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
