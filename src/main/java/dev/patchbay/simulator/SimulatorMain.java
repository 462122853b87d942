package dev.patchbay.simulator;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a simulated lab from the command line until killed, e.g. {@code --profile iosxe --count 10
 * --protocol ssh --base-port 2201}. Prints one line per device: name, protocol, host, port and
 * (SSH) host key fingerprint. Options: {@code --username}, {@code --password}, {@code
 * --enable-secret}, {@code --host-key-dir}; {@code --base-port 0} picks ephemeral ports.
 */
public final class SimulatorMain {

  private SimulatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> options = parse(args);
    String profile = options.getOrDefault("profile", "iosxe");
    int count = Integer.parseInt(options.getOrDefault("count", "1"));
    Protocol protocol =
        Protocol.valueOf(options.getOrDefault("protocol", "ssh").toUpperCase(Locale.ROOT));
    int basePort = Integer.parseInt(options.getOrDefault("base-port", "0"));
    DeviceCredentials credentials =
        DeviceCredentials.of(
                options.getOrDefault("username", "admin"),
                options.getOrDefault("password", "admin"))
            .withEnableSecret(options.getOrDefault("enable-secret", "cisco"));
    SimulatedLab lab =
        options.containsKey("host-key-dir")
            ? new SimulatedLab(Path.of(options.get("host-key-dir")))
            : new SimulatedLab();
    Runtime.getRuntime().addShutdownHook(new Thread(lab::close, "simulator-shutdown"));
    for (int i = 1; i <= count; i++) {
      String name = "sim-" + profile + "-" + i;
      SimulatedDevice device =
          lab.start(
              DeviceSpec.of(name, profile, protocol)
                  .withPort(basePort == 0 ? 0 : basePort + i - 1)
                  .withCredentials(credentials));
      System.out.println(
          device.name()
              + " "
              + device.protocol().name().toLowerCase(Locale.ROOT)
              + " "
              + device.host()
              + " "
              + device.port()
              + (device.hostKeyFingerprint() == null ? "" : " " + device.hostKeyFingerprint()));
    }
    System.out.flush();
    new CountDownLatch(1).await();
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "Usage: SimulatorMain --profile iosxe|nxos|linux --count N --protocol ssh|telnet"
                + " --base-port P [--username U --password P --enable-secret S --host-key-dir D]");
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }
}
