package dev.patchbay.simulator;

import dev.patchbay.simulator.cli.DeviceProfile;
import dev.patchbay.simulator.cli.ProfileLoader;
import dev.patchbay.simulator.cli.SessionIdentity;
import dev.patchbay.simulator.ssh.SshDeviceConfig;
import dev.patchbay.simulator.ssh.SshDeviceServer;
import dev.patchbay.simulator.telnet.TelnetDeviceConfig;
import dev.patchbay.simulator.telnet.TelnetDeviceServer;
import dev.patchbay.simulator.telnet.TelnetReactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A set of simulated network devices served on 127.0.0.1, each on its own port. Sessions cost no
 * thread: SSH runs on MINA's NIO2 workers, Telnet on one selector thread, and delays on one shared
 * scheduler. {@link #close()} releases every port and thread.
 */
public final class SimulatedLab implements AutoCloseable {

  private final Path hostKeyDirectory;
  private final ProfileLoader loader = new ProfileLoader();
  private final Map<String, DeviceProfile> profiles = new LinkedHashMap<>();
  private final Map<String, Running> devices = new LinkedHashMap<>();
  private final ScheduledThreadPoolExecutor scheduler;
  private TelnetReactor telnetReactor;
  private boolean closed;

  /** A lab keeping SSH host keys under the temporary directory. */
  public SimulatedLab() {
    this(Path.of(System.getProperty("java.io.tmpdir"), "patchbay-simulator", "host-keys"));
  }

  /** A lab keeping SSH host keys (one file per device name) in {@code hostKeyDirectory}. */
  public SimulatedLab(Path hostKeyDirectory) {
    this.hostKeyDirectory = hostKeyDirectory;
    AtomicInteger threads = new AtomicInteger();
    this.scheduler =
        new ScheduledThreadPoolExecutor(
            2,
            task ->
                Thread.ofPlatform()
                    .name("simulator-timer-" + threads.incrementAndGet())
                    .daemon()
                    .unstarted(task));
    scheduler.setRemoveOnCancelPolicy(true);
  }

  /** Starts a device and reports where it listens. */
  public synchronized SimulatedDevice start(DeviceSpec spec) {
    if (closed) {
      throw new IllegalStateException("The lab is closed");
    }
    if (devices.containsKey(spec.name())) {
      throw new IllegalArgumentException("A device named " + spec.name() + " is already running");
    }
    DeviceProfile profile =
        spec.customProfile() != null
            ? spec.customProfile()
            : profiles.computeIfAbsent(spec.profile(), loader::loadBuiltIn);
    DeviceCredentials credentials = spec.credentials();
    SessionIdentity identity =
        new SessionIdentity(
            spec.hostname(),
            credentials.username(),
            credentials.password(),
            credentials.enableSecret());
    Running running =
        switch (spec.protocol()) {
          case SSH -> startSsh(spec, profile, identity);
          case TELNET -> startTelnet(spec, profile, identity);
        };
    devices.put(spec.name(), running);
    return running.device();
  }

  private Running startSsh(DeviceSpec spec, DeviceProfile profile, SessionIdentity identity) {
    try {
      Files.createDirectories(hostKeyDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create host key directory " + hostKeyDirectory, e);
    }
    Path hostKey = hostKeyDirectory.resolve(spec.name() + "_ecdsa_host_key");
    SshDeviceServer server =
        SshDeviceServer.start(
            new SshDeviceConfig(
                profile, identity, spec.credentials().authorizedKey(), hostKey, spec.port()),
            scheduler);
    return new Running(describe(spec, profile, server.port(), server.hostKeyFingerprint()), server);
  }

  private Running startTelnet(DeviceSpec spec, DeviceProfile profile, SessionIdentity identity) {
    if (telnetReactor == null) {
      telnetReactor = new TelnetReactor("simulator-telnet");
    }
    TelnetDeviceServer server =
        TelnetDeviceServer.start(
            telnetReactor, new TelnetDeviceConfig(profile, identity, spec.port()), scheduler);
    return new Running(describe(spec, profile, server.port(), null), server);
  }

  private static SimulatedDevice describe(
      DeviceSpec spec, DeviceProfile profile, int port, String fingerprint) {
    return new SimulatedDevice(
        spec.name(),
        profile.name(),
        spec.protocol(),
        "127.0.0.1",
        port,
        spec.hostname(),
        spec.credentials(),
        fingerprint);
  }

  /** The running devices, in start order. */
  public synchronized List<SimulatedDevice> devices() {
    return devices.values().stream().map(Running::device).toList();
  }

  /** The running device called {@code name}. */
  public synchronized SimulatedDevice device(String name) {
    Running running = devices.get(name);
    if (running == null) {
      throw new IllegalArgumentException("No simulated device named " + name);
    }
    return running.device();
  }

  /** Stops one device, closing its sessions and port. */
  public synchronized void stop(String name) {
    Running running = devices.remove(name);
    if (running != null) {
      running.close();
    }
  }

  /** Stops every device and releases all threads. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    new ArrayList<>(devices.keySet()).forEach(this::stop);
    if (telnetReactor != null) {
      telnetReactor.close();
    }
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private record Running(SimulatedDevice device, AutoCloseable server) {
    void close() {
      try {
        server.close();
      } catch (Exception e) {
        throw new IllegalStateException("Cannot stop simulated device " + device.name(), e);
      }
    }
  }
}
