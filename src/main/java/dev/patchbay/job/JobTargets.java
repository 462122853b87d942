package dev.patchbay.job;

import dev.patchbay.api.FieldProblem;
import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import dev.patchbay.inventory.Device;
import dev.patchbay.inventory.DeviceRepository;
import dev.patchbay.inventory.Testbed;
import dev.patchbay.inventory.TestbedRepository;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Resolves a job's target to device names, in order, each with its testbed ("" for none): the named
 * devices (every unknown one listed in the refusal), or a testbed's devices narrowed by os, type
 * and a name glob. Blocking.
 */
@Component
class JobTargets {

  /** The devices a job reaches, and the testbed of each. */
  record Targets(List<String> devices, List<String> testbeds) {}

  private final DeviceRepository devices;
  private final TestbedRepository testbeds;
  private final TransactionTemplate tx;

  JobTargets(DeviceRepository devices, TestbedRepository testbeds, TransactionTemplate tx) {
    this.devices = devices;
    this.testbeds = testbeds;
    this.tx = tx;
  }

  Targets resolve(JobRequest request, int maxDevices) {
    boolean named = request.devices() != null && !request.devices().isEmpty();
    if (named == (request.testbed() != null)) {
      throw invalid(
          named ? "testbed" : "devices",
          named ? "give devices or testbed, not both" : "give devices (names) or a testbed");
    }
    Map<String, String> found =
        tx.execute(status -> named ? byName(request.devices()) : inTestbed(request));
    found.keySet().removeIf(name -> !matches(request, name));
    if (found.isEmpty()) {
      throw invalid(named ? "devices" : "testbed", "no device matches the target");
    }
    if (found.size() > maxDevices) {
      throw invalid(
          named ? "devices" : "testbed",
          found.size() + " devices; a job may reach at most " + maxDevices);
    }
    return new Targets(
        List.copyOf(found.keySet()), List.copyOf(new LinkedHashSet<>(found.values())));
  }

  private Map<String, String> byName(List<String> names) {
    Set<String> unique = new LinkedHashSet<>(names);
    if (unique.contains(null)) {
      throw invalid("devices", "has an empty name");
    }
    Map<String, String> found = new LinkedHashMap<>();
    Map<String, Device> stored = new LinkedHashMap<>();
    devices.findByNameIn(unique).forEach(d -> stored.put(d.getName(), d));
    List<String> unknown = new ArrayList<>();
    for (String name : unique) {
      Device device = stored.get(name);
      if (device == null) {
        unknown.add(name);
      } else {
        found.put(name, testbedOf(device));
      }
    }
    if (!unknown.isEmpty()) {
      throw new PatchbayException(
          ProblemType.NOT_FOUND, "unknown devices: " + String.join(", ", unknown));
    }
    return found;
  }

  private Map<String, String> inTestbed(JobRequest request) {
    Testbed testbed =
        testbeds
            .findByName(request.testbed())
            .orElseThrow(() -> PatchbayException.notFound("testbed", request.testbed()));
    Map<String, String> found = new LinkedHashMap<>();
    for (Device device : devices.findByTestbedOrderByNameAsc(testbed)) {
      if ((request.os() == null || request.os().equals(device.getOs()))
          && (request.type() == null || request.type().equals(device.getType()))) {
        found.put(device.getName(), testbed.getName());
      }
    }
    return found;
  }

  private static boolean matches(JobRequest request, String name) {
    return request.namePattern() == null || Glob.matches(request.namePattern(), name);
  }

  private static String testbedOf(Device device) {
    return device.getTestbed() == null
        ? ""
        : Objects.requireNonNullElse(device.getTestbed().getName(), "");
  }

  private static PatchbayException invalid(String field, String message) {
    return PatchbayException.invalid(
        "the job's target is invalid: " + field + " " + message,
        List.of(new FieldProblem(field, message)));
  }
}
