package dev.patchbay.inventory.pyats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.inventory.pyats.FernetDecryptor.InvalidTokenException;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class FernetDecryptorTest {

  private final FernetDecryptor decryptor = new FernetDecryptor(FernetTokens.TEST_KEY);

  @Test
  void decryptsTokensOfTheSpecAndOfTestCode() throws Exception {
    // Test vector of https://github.com/fernet/spec (generate.json / verify.json).
    FernetDecryptor spec = new FernetDecryptor("cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=");
    assertThat(
            spec.decrypt(
                "gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA=="))
        .isEqualTo("hello");
    assertThat(decryptor.decrypt(FernetTokens.encrypt(FernetTokens.TEST_KEY, "pässwörd")))
        .isEqualTo("pässwörd");
  }

  @Test
  void decryptsATokenMadeByPythonCryptography() throws Exception {
    // Fernet(TEST_KEY).encrypt(b"Dec-Rypted-Pass-42") with python cryptography 48.
    assertThat(
            decryptor.decrypt(
                "gAAAAABrBp2uSRFP8sHnQVchktlfV-axVPYD3RjYw3xJex0LA3C5ZF8bgsAI49h_2p3Qq8rwBHL7I68M3grlKCx_gZ0hGd1t594Uz8s3Zftj6RBLgVxGf3Q="))
        .isEqualTo("Dec-Rypted-Pass-42");
  }

  @Test
  void rejectsTamperedForeignAndMalformedTokens() throws Exception {
    byte[] token = Base64.getUrlDecoder().decode(FernetTokens.encrypt(FernetTokens.TEST_KEY, "x"));
    token[30] ^= 1;
    String tampered = Base64.getUrlEncoder().encodeToString(token);
    assertThatThrownBy(() -> decryptor.decrypt(tampered))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("signature");
    String foreign =
        FernetTokens.encrypt(
            Base64.getUrlEncoder().encodeToString(new byte[32]), "secret of another key");
    assertThatThrownBy(() -> decryptor.decrypt(foreign)).isInstanceOf(InvalidTokenException.class);
    assertThatThrownBy(() -> decryptor.decrypt("w5zDmsOD"))
        .isInstanceOf(InvalidTokenException.class);
    assertThatThrownBy(() -> decryptor.decrypt("not base64 !"))
        .isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void rejectsKeysOfTheWrongSize() {
    assertThatThrownBy(() -> new FernetDecryptor("c2hvcnQ="))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
  }
}
