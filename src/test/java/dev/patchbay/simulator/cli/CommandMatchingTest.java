package dev.patchbay.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Word patterns with placeholders, regular expressions and exact commands. */
class CommandMatchingTest {

  private static final String PROFILE =
      """
      states:
        exec:
          prompt: "%N#"
          commands:
            - regex: "ping vrf (\\\\S+) (\\\\S+)"
              response: "pinging {2} in vrf {1}"
            - cmd: ping <host>
              response: "pinging {host}"
            - cmd: show interfaces <name> counters
              response: "counters of {name}"
            - cmd: show interfaces
              response: "all interfaces"
            - cmd: show ip route
              response: "routes"
            - exact: "!reset"
              response: "reset done"
              exit-status: 3
      """;

  private final DeviceProfile profile = new ProfileLoader().load("m", "m.yaml", PROFILE);

  @Test
  void placeholdersCaptureWordsAndAbbreviationsStillWork() throws Exception {
    try (CliHarness cli = new CliHarness(profile, "m1")) {
      cli.start("m1#");
      assertThat(cli.command("ping 192.0.2.1", "m1#")).contains("pinging 192.0.2.1\r\n");
      assertThat(cli.command("sh int Gi1 co", "m1#")).contains("counters of Gi1\r\n");
      assertThat(cli.command("sh interfaces", "m1#")).contains("all interfaces\r\n");
      assertThat(cli.command("s ip r", "m1#")).contains("routes\r\n");
      assertThat(cli.command("s i r", "m1#")).contains("% Ambiguous command:  \"s i r\"");
      assertThat(cli.command("show interfaces Gi1", "m1#")).contains("% Incomplete command.");
      assertThat(cli.command("sh ip rout extra", "m1#"))
          .contains(" ".repeat("m1#sh ip rout ".length()) + "^\r\n");
    }
  }

  @Test
  void regularExpressionsAndExactCommandsMatchTheWholeLine() throws Exception {
    try (CliHarness cli = new CliHarness(profile, "m1")) {
      cli.start("m1#");
      assertThat(cli.command("ping vrf mgmt 10.0.0.1", "m1#"))
          .contains("pinging 10.0.0.1 in vrf mgmt\r\n");
      assertThat(cli.command("  !reset  ", "m1#")).contains("reset done\r\n");
      assertThat(cli.command("!rese", "m1#")).contains("% Invalid input");
    }
    AtomicInteger status = new AtomicInteger();
    try (CliHarness cli = new CliHarness(profile, "m1")) {
      cli.session.runExec("!reset", status::set);
      assertThat(status.get()).isEqualTo(3);
    }
  }
}
