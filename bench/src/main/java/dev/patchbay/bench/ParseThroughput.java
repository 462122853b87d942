package dev.patchbay.bench;

import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Scenario 6: the TextFSM engine on 10,000 lines of {@code show ip interface brief} with the
 * built-in template, in this JVM: the engine classes are loaded from the service jar's {@code
 * BOOT-INF/classes} (they need nothing but the JDK), so no HTTP or JSON is counted.
 */
final class ParseThroughput {

  private static final int LINES = 10_000;
  private static final String TEMPLATE = "parse/templates/cisco_ios_show_ip_interface_brief.textfsm";
  private static final List<String> ROWS =
      List.of(
          "GigabitEthernet1       192.0.2.11      YES DHCP   up                    up",
          "GigabitEthernet2       10.0.12.1       YES manual up                    up",
          "GigabitEthernet3       unassigned      YES unset  administratively down down",
          "Loopback0              10.255.0.1      YES manual up                    up");

  private ParseThroughput() {}

  static void run(Settings settings, Results results) throws Exception {
    URL classes = URI.create("jar:" + settings.serviceJar().toUri() + "!/BOOT-INF/classes/").toURL();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes}, null)) {
      String template;
      try (var in = loader.getResourceAsStream(TEMPLATE)) {
        template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Class<?> fsmClass = loader.loadClass("dev.patchbay.parse.TextFsm");
      Object fsm = fsmClass.getMethod("compile", String.class).invoke(null, template);
      Method parse = fsmClass.getMethod("parse", String.class);
      StringBuilder text =
          new StringBuilder("Interface              IP-Address      OK? Method Status                Protocol\n");
      for (int i = 1; i < LINES; i++) {
        text.append(ROWS.get(i % ROWS.size())).append('\n');
      }
      String input = text.toString();
      long warmUntil = System.nanoTime() + settings.pick(10, 3) * 1_000_000_000L;
      int rows = 0;
      while (System.nanoTime() < warmUntil) {
        rows = ((List<?>) parse.invoke(fsm, input)).size();
      }
      int runs = settings.pick(200, 50);
      double[] ms = new double[runs];
      for (int i = 0; i < runs; i++) {
        long started = System.nanoTime();
        parse.invoke(fsm, input);
        ms[i] = (System.nanoTime() - started) / 1e6;
      }
      Arrays.sort(ms);
      double median = ms[runs / 2];
      double p99 = ms[(int) Math.min(runs - 1, Math.ceil(runs * 0.99) - 1)];
      results.add(
          new Results.Row(
              "6 parse",
              "TextFSM, 10,000 lines of show ip interface brief (" + rows + " records), median / p99 of " + runs,
              "—",
              String.format("%.1f / %.1f ms", median, p99),
              "—",
              "< 50 ms",
              median < 50));
    }
  }
}
