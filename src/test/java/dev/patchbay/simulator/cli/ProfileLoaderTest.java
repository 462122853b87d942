package dev.patchbay.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Built-in profiles load; broken profiles fail naming the file, the YAML path and the line. */
class ProfileLoaderTest {

  private final ProfileLoader loader = new ProfileLoader();

  @ParameterizedTest
  @ValueSource(strings = {"iosxe", "nxos", "linux"})
  void builtInProfilesLoad(String name) {
    DeviceProfile profile = loader.loadBuiltIn(name);
    assertThat(profile.name()).isEqualTo(name);
    assertThat(profile.states()).containsKey(profile.startState()).containsKey(profile.execState());
  }

  @Test
  void unknownBuiltInProfileIsReported() {
    assertThatThrownBy(() -> loader.loadBuiltIn("junos"))
        .hasMessageContaining("No simulator profile named 'junos'");
  }

  @Test
  void yamlSyntaxErrorsNameTheFileAndLine() {
    String yaml = "states:\n  exec:\n    prompt: [unclosed\n";
    assertThatThrownBy(() -> loader.load("broken", "broken.yaml", yaml))
        .isInstanceOfSatisfying(
            ProfileException.class,
            e -> {
              assertThat(e.source()).isEqualTo("broken.yaml");
              assertThat(e.line()).isEqualTo(4);
              assertThat(e.getMessage()).startsWith("broken.yaml:4: (document): invalid YAML");
            });
  }

  @Test
  void unknownStateReferencesNameThePathAndLine() {
    String yaml =
        """
        states:
          exec:
            prompt: "%N>"
            commands:
              - cmd: show version
                response: ok
              - cmd: enable
                new-state: privileged
        """;
    assertThatThrownBy(() -> loader.load("p", "p.yaml", yaml))
        .isInstanceOfSatisfying(
            ProfileException.class,
            e -> {
              assertThat(e.yamlPath()).isEqualTo("states.exec.commands[1].new-state");
              assertThat(e.line()).isEqualTo(8);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "p.yaml:8: states.exec.commands[1].new-state: unknown state 'privileged',"
                          + " known states: [exec]");
            });
  }

  @Test
  void missingPromptIsReported() {
    String yaml = "states:\n  exec:\n    commands: []\n";
    assertThatThrownBy(() -> loader.load("p", "p.yaml", yaml))
        .isInstanceOf(ProfileException.class)
        .hasMessage("p.yaml:3: states.exec: state 'exec' has no prompt");
  }

  @Test
  void misspelledKeysAreReported() {
    String yaml =
        "states:\n  exec:\n    prompt: '>'\n    commands:\n      - cmd: x\n        respnse: y\n";
    assertThatThrownBy(() -> loader.load("p", "p.yaml", yaml))
        .isInstanceOf(ProfileException.class)
        .hasMessageStartingWith("p.yaml:6: states.exec.commands[0].respnse: unknown key 'respnse'");
  }

  @Test
  void uniconFilesAreCheckedToo() {
    String yaml =
        "exec:\n  prompt: '>'\n  commands:\n    go:\n      new_state: nowhere\nother:\n  commands: {}\n";
    assertThatThrownBy(() -> loader.load("u", "u.yaml", yaml))
        .isInstanceOf(ProfileException.class)
        .hasMessage("u.yaml:7: other: state 'other' has no prompt");
    String unknownState = "exec:\n  prompt: '>'\n  commands:\n    go:\n      new_state: nowhere\n";
    assertThatThrownBy(() -> loader.load("u", "u.yaml", unknownState))
        .isInstanceOf(ProfileException.class)
        .hasMessageStartingWith("u.yaml:5: exec.commands.go.new_state: unknown state 'nowhere'");
  }
}
