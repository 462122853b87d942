package dev.patchbay.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts simulated devices on ephemeral 127.0.0.1 ports (with host keys in a temporary directory)
 * for a test and stops them afterwards. Register it on a {@code static} field for one lab per test
 * class, or on an instance field for one lab per test:
 *
 * <pre>{@code
 * @RegisterExtension
 * static SimulatorExtension sim =
 *     SimulatorExtension.with(DeviceSpec.of("r1", "iosxe", Protocol.SSH));
 *
 * @Test
 * void connects() {
 *   SimulatedDevice r1 = sim.device("r1"); // host, port, credentials, host key fingerprint
 * }
 * }</pre>
 *
 * Test methods may also declare {@link SimulatedLab} or {@link SimulatedDevice} parameters (a
 * device parameter is matched by name, or is the only device).
 */
public final class SimulatorExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {

  private final List<DeviceSpec> specs;
  private SimulatedLab lab;
  private Path hostKeys;
  private boolean perClass;

  private SimulatorExtension(List<DeviceSpec> specs) {
    this.specs = specs;
  }

  /** An extension starting {@code devices} (admin/admin, enable secret cisco by default). */
  public static SimulatorExtension with(DeviceSpec... devices) {
    return new SimulatorExtension(List.of(devices));
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    startLab();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!perClass) {
      startLab();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      stopLab();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stopLab();
  }

  /** The running lab, e.g. to start more devices. */
  public SimulatedLab lab() {
    if (lab == null) {
      throw new IllegalStateException("The simulated lab runs only while a test runs");
    }
    return lab;
  }

  /** The running device called {@code name}. */
  public SimulatedDevice device(String name) {
    return lab().device(name);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == SimulatedLab.class || type == SimulatedDevice.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (parameter.getParameter().getType() == SimulatedLab.class) {
      return lab();
    }
    List<SimulatedDevice> devices = lab().devices();
    if (devices.size() == 1) {
      return devices.getFirst();
    }
    return device(parameter.getParameter().getName());
  }

  private void startLab() {
    try {
      hostKeys = Files.createTempDirectory("simulator-host-keys");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    lab = new SimulatedLab(hostKeys);
    try {
      specs.forEach(lab::start);
    } catch (RuntimeException e) {
      stopLab();
      throw e;
    }
  }

  private void stopLab() {
    if (lab != null) {
      lab.close();
      lab = null;
    }
    if (hostKeys != null) {
      try (Stream<Path> files = Files.walk(hostKeys)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      hostKeys = null;
    }
  }
}
