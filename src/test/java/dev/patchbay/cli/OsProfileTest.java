package dev.patchbay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.re2j.Pattern;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OS profiles as data, their prompt sets and dialog statements. */
class OsProfileTest {

  @Test
  void routerOperatingSystemsShareTheRouterProfile() {
    for (String os : new String[] {"iosxe", "IOS", "iosxr", "nxos", "asa"}) {
      OsProfile profile = OsProfile.forOs(os);
      assertThat(profile.prompts())
          .containsOnlyKeys(CliState.EXEC, CliState.ENABLE, CliState.CONFIG);
      assertThat(profile.enableCommand()).isEqualTo("enable");
      assertThat(profile.configCommand()).isEqualTo("configure terminal");
      assertThat(profile.endCommand()).isEqualTo("end");
      assertThat(profile.initExecCommands()).contains("terminal length 0");
    }
  }

  @Test
  void linuxHasAShellAndNoConfigMode() {
    OsProfile linux = OsProfile.forOs("ubuntu");

    assertThat(linux.prompts()).containsOnlyKeys(CliState.SHELL);
    assertThat(linux.configCommand()).isNull();
    assertThat(PromptSet.learning(linux).stateOf("admin@host:~$ ")).contains(CliState.SHELL);
    assertThat(
            Pattern.compile(linux.errorPatterns().getFirst())
                .matcher("bash: foo: command not found")
                .find())
        .isTrue();
  }

  @Test
  void anUnknownOrMissingOsIsGeneric() {
    assertThat(OsProfile.forOs(null).name()).isEqualTo("generic");
    assertThat(OsProfile.forOs("junos").name()).isEqualTo("generic");
    assertThat(OsProfile.forOs("junos").prompts()).containsKey(CliState.SHELL);
  }

  @Test
  void overridesReplacePromptsAndLoginPatterns() {
    OsProfile profile =
        OsProfile.forOs("iosxe")
            .withOverrides(Map.of("exec", "^%N \\$ $", "username", "(?i)user id:\\s*$"));

    assertThat(profile.prompts().get(CliState.EXEC)).isEqualTo("^%N \\$ $");
    assertThat(profile.prompts().get(CliState.ENABLE)).isEqualTo("^%N#\\s*$");
    assertThat(profile.login().username()).isEqualTo("(?i)user id:\\s*$");
    assertThat(profile.login().password()).isEqualTo(OsProfile.forOs("iosxe").login().password());
    assertThat(OsProfile.forOs("iosxe").withOverrides(Map.of()))
        .isEqualTo(OsProfile.forOs("iosxe"));
  }

  @Test
  void aLearningPromptSetCapturesTheHostnameAndTheState() {
    PromptSet learning = PromptSet.learning(OsProfile.forOs("iosxe"));

    assertThat(learning.hostnameOf("core-sw1.lab#")).contains("core-sw1.lab");
    assertThat(learning.stateOf("r1(config-if)#")).contains(CliState.CONFIG);
    assertThat(learning.stateOf("r1(config)# ")).contains(CliState.CONFIG);
    assertThat(learning.stateOf("r1#")).contains(CliState.ENABLE);
    assertThat(learning.stateOf("r1>")).contains(CliState.EXEC);
    assertThat(learning.stateOf("Building configuration...")).isEmpty();
    assertThat(learning.hostnameOf("no prompt here")).isEmpty();
  }

  @Test
  void aKnownHostnameIsMatchedLiterally() {
    PromptSet known = PromptSet.forHostname(OsProfile.forOs("iosxe"), "r1.lab");

    assertThat(known.stateOf("r1.lab#")).contains(CliState.ENABLE);
    assertThat(known.stateOf("r1xlab#")).as("the dot is not a wildcard").isEmpty();
    assertThat(known.stateOf("r2#")).isEmpty();
    assertThat(known.hostnameOf("r1.lab#")).as("nothing left to capture").isEmpty();
    assertThat(PromptSet.forHostname(OsProfile.forOs("iosxe"), null).stateOf("any-host>"))
        .contains(CliState.EXEC);
  }

  @Test
  void errorPatternsCatchTheUsualRouterComplaints() {
    Pattern errors =
        Pattern.compile(OsProfile.forOs("iosxe").errorPatterns().getFirst(), Pattern.MULTILINE);

    assertThat(errors.matcher("x\n% Invalid input detected at '^' marker.").find()).isTrue();
    assertThat(errors.matcher("% Incomplete command.").find()).isTrue();
    assertThat(errors.matcher("% Ambiguous command:  \"sh i\"").find()).isTrue();
    assertThat(errors.matcher("CPU utilization 5% Invalid").find()).isFalse();
  }

  @Test
  void aDialogStatementNeedsAPatternAndAReply() {
    assertThatThrownBy(() -> new DialogStatement(null, "y", false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DialogStatement(Pattern.compile("x"), null, true))
        .isInstanceOf(IllegalArgumentException.class);
    DialogStatement statement = DialogStatement.of("\\[confirm\\]", "y");
    assertThat(statement.loop()).isFalse();
    assertThat(statement.pattern().matcher("Proceed? [confirm]").find()).isTrue();
  }

  @Test
  void requestsAreOneLine() {
    assertThatThrownBy(() -> ExecuteRequest.of("show clock\nreload"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ConfigureRequest.of("hostname a\rreload"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ConfigureRequest(java.util.List.of(), null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
