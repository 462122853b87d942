package dev.patchbay.lease;

import dev.patchbay.api.FieldProblem;
import dev.patchbay.api.PatchbayException;
import dev.patchbay.inventory.Device;
import dev.patchbay.inventory.DeviceRepository;
import dev.patchbay.inventory.Testbed;
import dev.patchbay.inventory.TestbedRepository;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Checks a lease request and resolves its devices, naming every problem at once. */
@Component
class LeaseRequestValidator {

  private static final int MAX_HOLDER = 200;
  private static final int MAX_REASON = 2000;

  private final DeviceRepository devices;
  private final TestbedRepository testbeds;
  private final LeaseProperties properties;
  private final JdbcClient jdbc;

  LeaseRequestValidator(
      DeviceRepository devices,
      TestbedRepository testbeds,
      LeaseProperties properties,
      DataSource dataSource) {
    this.devices = devices;
    this.testbeds = testbeds;
    this.properties = properties;
    this.jdbc = JdbcClient.create(dataSource);
  }

  /** Checks the request and resolves its devices (one query for devices named). Blocking. */
  LeaseClaim validate(LeaseRequest request) {
    if (request == null) {
      throw PatchbayException.invalid(
          "a request body is required", List.of(new FieldProblem("devices", "is required")));
    }
    List<FieldProblem> problems = new ArrayList<>();
    if (request.holder() == null || request.holder().isBlank()) {
      problems.add(new FieldProblem("holder", "is required"));
    } else if (request.holder().length() > MAX_HOLDER) {
      problems.add(new FieldProblem("holder", "must be at most " + MAX_HOLDER + " characters"));
    }
    if (request.reason() != null && request.reason().length() > MAX_REASON) {
      problems.add(new FieldProblem("reason", "must be at most " + MAX_REASON + " characters"));
    }
    checkTtl(request.ttlSeconds(), problems);
    long wait = request.waitSeconds() == null ? 0 : request.waitSeconds();
    if (wait < 0 || wait > properties.maxWait().toSeconds()) {
      problems.add(
          new FieldProblem(
              "waitSeconds", "must be between 0 and " + properties.maxWait().toSeconds()));
    }
    List<LeaseClaim.ClaimedDevice> claimed = resolveDevices(request, problems);
    if (!problems.isEmpty()) {
      throw PatchbayException.invalid("the lease request is invalid", problems);
    }
    return new LeaseClaim(
        claimed,
        request.holder(),
        request.ttlSeconds(),
        Duration.ofSeconds(wait),
        request.reason());
  }

  /** Adds a problem unless {@code ttlSeconds} is between 1 and the maximum. */
  void checkTtl(Long ttlSeconds, List<FieldProblem> problems) {
    long max = properties.maxTtl().toSeconds();
    if (ttlSeconds == null) {
      problems.add(new FieldProblem("ttlSeconds", "is required"));
    } else if (ttlSeconds <= 0 || ttlSeconds > max) {
      problems.add(new FieldProblem("ttlSeconds", "must be between 1 and " + max));
    }
  }

  private List<LeaseClaim.ClaimedDevice> resolveDevices(
      LeaseRequest request, List<FieldProblem> problems) {
    boolean byName = request.devices() != null;
    boolean byTestbed = request.testbed() != null;
    if (byName && byTestbed) {
      problems.add(new FieldProblem("testbed", "give either 'devices' or 'testbed', not both"));
      return List.of();
    }
    List<LeaseClaim.ClaimedDevice> found = new ArrayList<>();
    if (byTestbed) {
      Optional<Testbed> testbed = testbeds.findByName(request.testbed());
      if (testbed.isEmpty()) {
        problems.add(new FieldProblem("testbed", "no testbed '" + request.testbed() + "'"));
        return List.of();
      }
      for (Device device : devices.findByTestbedOrderByNameAsc(testbed.get())) {
        found.add(new LeaseClaim.ClaimedDevice(device.getId(), device.getName()));
      }
      if (found.isEmpty()) {
        problems.add(new FieldProblem("testbed", "testbed has no devices"));
      }
    } else if (!byName || request.devices().isEmpty()) {
      problems.add(new FieldProblem("devices", "name at least one device, or a testbed"));
    } else {
      Map<String, Long> ids = idsByName(request.devices());
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < request.devices().size(); i++) {
        String name = request.devices().get(i);
        if (!seen.add(name)) {
          continue;
        }
        Long id = ids.get(name);
        if (id != null) {
          found.add(new LeaseClaim.ClaimedDevice(id, name));
        } else {
          problems.add(new FieldProblem("devices[" + i + "]", "no device '" + name + "'"));
        }
      }
    }
    found.sort(Comparator.comparingLong(LeaseClaim.ClaimedDevice::id));
    return found;
  }

  /** The ids of the named devices that exist, by name. */
  private Map<String, Long> idsByName(List<String> names) {
    List<String> named = names.stream().filter(Objects::nonNull).distinct().toList();
    Map<String, Long> ids = new HashMap<>();
    if (!named.isEmpty()) {
      jdbc.sql("select id, name from device where name in (:names)")
          .param("names", named)
          .query((RowCallbackHandler) row -> ids.put(row.getString("name"), row.getLong("id")));
    }
    return ids;
  }
}
