package dev.patchbay.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Unicon mock-device data files load as they are and answer like the mock device. */
class UniconProfileTest {

  private final ProfileLoader loader = new ProfileLoader();

  @Test
  void leaf1FixtureLoadsWithItsStates() {
    DeviceProfile leaf1 = loader.loadFile(resource("unicon-leaf1.yaml"));
    assertThat(leaf1.name()).isEqualTo("unicon-leaf1");
    assertThat(leaf1.states()).containsOnlyKeys("connect", "enable", "configure");
    assertThat(leaf1.startState()).isEqualTo("connect");
  }

  @Test
  void leaf1AnswersItsCommands() throws Exception {
    DeviceProfile leaf1 = loader.loadFile(resource("unicon-leaf1.yaml"));
    try (CliHarness cli = new CliHarness(leaf1, "Leaf1")) {
      cli.start("Leaf1#");
      assertThat(cli.command("term length 0", "Leaf1#")).isEqualTo("term length 0\r\nLeaf1#");
      assertThat(cli.command("", "Leaf1#")).isEqualTo("\r\nLeaf1#");
      assertThat(cli.command("show version", "Leaf1#")).contains("% Invalid input detected");
    }
    DeviceProfile startInEnable = leaf1.startingIn("enable");
    try (CliHarness cli = new CliHarness(startInEnable, "Leaf1")) {
      cli.start("Leaf1#");
      assertThat(cli.command("show version", "Leaf1#"))
          .contains("Cisco Nexus Operating System (NX-OS) Software\r\n")
          .contains("Device name: Leaf1\r\n");
      assertThat(cli.command("show nve peers", "Leaf1#")).contains("10.1.1.2      10010");
    }
  }

  @Test
  void circularResponsesCycleAndListsStopAtTheirLastEntry() throws Exception {
    DeviceProfile profile = loader.loadFile(resource("unicon-circular.yaml"));
    try (CliHarness cli = new CliHarness(profile, "sw3")) {
      assertThat(cli.start("sw3>")).contains("User Access Verification");
      assertThat(cli.command("show counter", "sw3>")).contains("counter one");
      assertThat(cli.command("show counter", "sw3>")).contains("counter two");
      assertThat(cli.command("show counter", "sw3>")).contains("counter three");
      assertThat(cli.command("show counter", "sw3>")).contains("counter one");
      cli.type("?");
      assertThat(cli.until("sw3>")).startsWith("Exec commands:\r\n").contains("enable  Turn on");
      assertThat(cli.command("show once", "sw3>")).contains("first");
      assertThat(cli.command("show once", "sw3>")).contains("second");
      assertThat(cli.command("show once", "sw3>")).contains("second");
      long started = System.nanoTime();
      cli.command("enable", "sw3#");
      assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(200_000_000L);
      assertThat(cli.command("show state", "sw3#")).contains("privileged");
      assertThat(cli.command("sh state", "sw3#")).contains("% Invalid input");
      cli.command("disable", "sw3>");
    }
  }

  static Path resource(String name) {
    try {
      return Path.of(UniconProfileTest.class.getResource("/simulator/" + name).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
