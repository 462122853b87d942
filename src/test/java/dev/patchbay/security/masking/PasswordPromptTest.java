package dev.patchbay.security.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Secret entry: from a password prompt to the next line break in the output. */
class PasswordPromptTest {

  private final PasswordPrompt prompt = new PasswordPrompt();

  private String seen(String output) {
    return new String(
        prompt.seen(output.getBytes(StandardCharsets.ISO_8859_1)), StandardCharsets.ISO_8859_1);
  }

  @Test
  void aPromptSplitOverChunksStartsSecretEntry() {
    assertThat(seen("r1>enable\r\nPass")).isEqualTo("r1>enable\r\nPass");
    assertThat(prompt.isShown()).isFalse();
    assertThat(seen("word: ")).isEqualTo("word: ");
    assertThat(prompt.isShown()).isTrue();
  }

  @Test
  void whatTheDeviceEchoesOfTheSecretIsNotKept() {
    seen("Password: ");
    assertThat(seen("Echoed-Secret-1")).isEmpty();
    assertThat(prompt.isShown()).isTrue();
    assertThat(seen("23\r\nr1#")).isEqualTo("\r\nr1#");
    assertThat(prompt.isShown()).isFalse();
    assertThat(seen("show version\r\n")).isEqualTo("show version\r\n");
  }

  @Test
  void ordinaryOutputIsKeptWhole() {
    assertThat(seen("secret sauce is not a prompt\r\nr1#"))
        .isEqualTo("secret sauce is not a prompt\r\nr1#");
    assertThat(prompt.isShown()).isFalse();
  }
}
