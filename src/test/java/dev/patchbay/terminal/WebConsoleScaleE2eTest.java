package dev.patchbay.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/**
 * The console with 5,000 devices (five pyATS testbed files of 1,000 imported over REST) in Debian's
 * headless Chromium, driven by {@code src/test/e2e/console-scale.mjs}: the devices view is one
 * device list call and one leases call per page, renders one page of rows, and the sessions view is
 * one call; it prints the request counts and render times (docs/benchmarks.md). Own database, so
 * that the other tests' listings do not see these devices.
 */
@Timeout(420)
@TestPropertySource(
    properties = "spring.datasource.url=jdbc:h2:mem:patchbay-console-scale;DB_CLOSE_DELAY=-1")
class WebConsoleScaleE2eTest extends TerminalTestSupport {

  static final int TESTBEDS = 5;
  static final int PER_TESTBED = 1000;

  @Test
  void theDevicesViewStaysOnePageAndTwoCallsWithFiveThousandDevices() throws Exception {
    E2eProcess.prepare();
    for (int t = 1; t <= TESTBEDS; t++) {
      importTestbed("scale-" + t);
    }
    String device = registerDevice("aaa-scale"); // sorts first: its live sessions are on page 1
    openSession(device, "one");
    openSession(device, "two");
    Path screenshots = Path.of("target/console-screenshots").toAbsolutePath();
    Files.createDirectories(screenshots);
    String output =
        E2eProcess.run(
            E2eProcess.E2E,
            List.of(
                "node",
                "console-scale.mjs",
                "http://127.0.0.1:" + port,
                String.valueOf(TESTBEDS * PER_TESTBED + 1),
                device,
                screenshots.toString()),
            300);
    System.out.println(output);
    assertThat(output).contains("scale: ok");
  }

  private void importTestbed(String name) {
    StringBuilder yaml = new StringBuilder("testbed:\n  name: " + name + "\ndevices:\n");
    for (int i = 1; i <= PER_TESTBED; i++) {
      yaml.append(
          """
            %s-r%04d:
              os: iosxe
              type: router
              connections:
                cli: {protocol: ssh, ip: 192.0.2.%d, port: 22}
          """
              .formatted(name, i, 1 + i % 250));
    }
    client
        .post()
        .uri("/api/v1/testbeds/import")
        .contentType(MediaType.parseMediaType("application/yaml"))
        .bodyValue(yaml.toString())
        .exchange()
        .expectStatus()
        .isCreated();
  }
}
