package dev.patchbay.demolab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.simulator.SimulatedDevice;
import dev.patchbay.simulator.SimulatedLab;
import dev.patchbay.testsupport.TestApiToken;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

/**
 * Runs the README's quick-start commands (the {@code bash} blocks between the {@code
 * readme-commands} markers) in order with bash and curl against a started service with the demo
 * lab, so that the README cannot drift from the service: every curl runs with {@code -f}, so any
 * non-2xx answer fails the script. The configuration is DemoLabRegistrarTest's, so that the two
 * share one context (the README's testbed my-lab and the demo lab's sim-lab do not meet).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:patchbay-demolab;DB_CLOSE_DELAY=-1",
      "patchbay.data-dir=target/test-data/demolab",
      "patchbay.simulator.enabled=true",
      "patchbay.simulator.router-port=0",
      "patchbay.simulator.switch-port=0",
      "patchbay.simulator.host-port=0"
    })
@AutoConfigureWebTestClient
class ReadmeCommandsTest {

  private static final Pattern MARKED =
      Pattern.compile(
          "<!-- readme-commands:begin -->(.*?)<!-- readme-commands:end -->", Pattern.DOTALL);
  private static final Pattern BASH_BLOCK = Pattern.compile("```bash\n(.*?)```", Pattern.DOTALL);
  private static final Pattern CALL = Pattern.compile("(?m)^(curl|pb) ");
  private static final String README_ROUTER_PORT = "2201";

  /** curl fails on HTTP errors, naming the call, and reports each success. */
  private static final String PRELUDE =
      """
      set -e
      shopt -s expand_aliases
      curl() {
        command curl -f -S --max-time 30 "$@" || { echo "README command failed: curl $*"; return 1; }
        echo; echo README-CALL-OK
      }
      """;

  @LocalServerPort int port;
  @Autowired SimulatedLab lab;
  @TempDir Path workDir;

  @Test
  void readmeCommandsSucceedInOrderAgainstTheService() throws Exception {
    String routerPort = String.valueOf(router().port());
    String commands =
        readmeCommands()
            // The test context's token instead of the placeholder; its ports instead of the
            // defaults.
            .replaceAll("(?m)^export TOKEN=.*$", "")
            .replace("localhost:8080", "127.0.0.1:" + port)
            .replace(README_ROUTER_PORT, routerPort);
    Path examples = Files.createDirectories(workDir.resolve("examples"));
    Files.writeString(
        examples.resolve("testbed.yaml"),
        Files.readString(Path.of("examples/testbed.yaml"))
            .replace("port: " + README_ROUTER_PORT, "port: " + routerPort));
    Path script = Files.writeString(workDir.resolve("readme.sh"), PRELUDE + commands);

    ProcessBuilder builder =
        new ProcessBuilder("bash", script.toString())
            .directory(workDir.toFile())
            .redirectErrorStream(true);
    builder.environment().put("TOKEN", TestApiToken.ADMIN);
    Process bash = builder.start();
    String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(bash.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(bash.exitValue()).as(output).isZero();
    long calls = CALL.matcher(commands).results().count();
    assertThat(calls).isGreaterThanOrEqualTo(10);
    assertThat(output.split("README-CALL-OK", -1)).as(output).hasSize((int) calls + 1);
  }

  private SimulatedDevice router() {
    return lab.devices().stream()
        .filter(device -> device.name().equals("sim-r1"))
        .findFirst()
        .orElseThrow();
  }

  private static String readmeCommands() throws Exception {
    Matcher marked = MARKED.matcher(Files.readString(Path.of("README.md")));
    assertThat(marked.find()).as("readme-commands markers in README.md").isTrue();
    StringBuilder commands = new StringBuilder();
    Matcher block = BASH_BLOCK.matcher(marked.group(1));
    while (block.find()) {
      commands.append(block.group(1));
    }
    return commands.toString();
  }
}
