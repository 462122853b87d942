package dev.patchbay.inventory;

import dev.patchbay.api.FieldProblem;
import dev.patchbay.api.PatchbayException;
import dev.patchbay.web.MergePatch;
import dev.patchbay.web.PageResponse;
import dev.patchbay.web.Paging;
import dev.patchbay.web.Versioned;
import dev.patchbay.web.Versions;
import jakarta.persistence.criteria.Predicate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Devices: validated create, replace, merge-patch and delete under optimistic locking. */
@Service
@Transactional
public class DeviceService {

  private final DeviceRepository devices;
  private final TestbedRepository testbeds;
  private final ConnectionWriter connections;
  private final CredentialWriter credentials;
  private final JsonMapper mapper;
  private final List<DeviceDeletionGuard> deletionGuards;

  DeviceService(
      DeviceRepository devices,
      TestbedRepository testbeds,
      ConnectionWriter connections,
      CredentialWriter credentials,
      JsonMapper mapper,
      List<DeviceDeletionGuard> deletionGuards) {
    this.devices = devices;
    this.testbeds = testbeds;
    this.connections = connections;
    this.credentials = credentials;
    this.mapper = mapper;
    this.deletionGuards = List.copyOf(deletionGuards);
  }

  /** Filters of a device listing; null means any. {@code name} is a glob. */
  public record Filter(String testbed, String os, String type, String role, String name) {}

  @Transactional(readOnly = true)
  public PageResponse<DeviceResponse> list(Filter filter, int page, int size) {
    Paging.check(page, size);
    Specification<Device> spec =
        (root, query, cb) -> {
          List<Predicate> where = new ArrayList<>();
          if (filter.testbed() != null) {
            where.add(cb.equal(root.join("testbed").get("name"), filter.testbed()));
          }
          if (filter.os() != null) {
            where.add(cb.equal(root.get("os"), filter.os()));
          }
          if (filter.type() != null) {
            where.add(cb.equal(root.get("type"), filter.type()));
          }
          if (filter.role() != null) {
            where.add(cb.equal(root.get("role"), filter.role()));
          }
          if (filter.name() != null) {
            where.add(cb.like(root.get("name"), Names.globToLike(filter.name()), '\\'));
          }
          return cb.and(where.toArray(Predicate[]::new));
        };
    return PageResponse.of(
        devices.findAll(spec, PageRequest.of(page, size, Sort.by("name"))), DeviceResponse::of);
  }

  @Transactional(readOnly = true)
  public Versioned<DeviceResponse> get(String name) {
    return versioned(load(name));
  }

  public Versioned<DeviceResponse> create(DeviceRequest body) {
    InventoryValidator.device(body, null);
    if (devices.existsByName(body.name())) {
      throw PatchbayException.conflict("device '" + body.name() + "' already exists");
    }
    Device device = new Device(body.name());
    write(device, body);
    return versioned(devices.saveAndFlush(device));
  }

  /** Replaces the device; absent {@code credentials} and {@code connections} stay as they are. */
  public Versioned<DeviceResponse> replace(String name, DeviceRequest body, String ifMatch) {
    Device device = load(name);
    Versions.check(ifMatch, body.version(), device.getVersion());
    InventoryValidator.device(body, device);
    if (body.name() != null && !body.name().equals(device.getName())) {
      if (devices.existsByName(body.name())) {
        throw PatchbayException.conflict("device '" + body.name() + "' already exists");
      }
      device.setName(body.name());
    }
    write(device, body);
    device.touch();
    return versioned(devices.saveAndFlush(device));
  }

  /** Applies a JSON merge patch to the device's current form, then replaces it. */
  public Versioned<DeviceResponse> patch(String name, JsonNode patch, String ifMatch) {
    Device device = load(name);
    Versions.check(ifMatch, null, device.getVersion());
    DeviceRequest merged =
        MergePatch.apply(mapper, DeviceResponse.of(device), patch, DeviceRequest.class);
    return replace(name, merged, null);
  }

  /**
   * Deletes the device; {@code force} lets deletion guards release live state instead of refusing.
   */
  public void delete(String name, String ifMatch, boolean force) {
    Device device = load(name);
    Versions.check(ifMatch, null, device.getVersion());
    deletionGuards.forEach(guard -> guard.beforeDelete(name, force));
    devices.delete(device);
    devices.flush();
  }

  /** Supplies the secret of one of the device's credentials (e.g. one marked ASK). */
  public Versioned<DeviceResponse> supplySecret(
      String name, String credential, CredentialRequest body, String ifMatch) {
    InventoryValidator.credential(credential, body);
    Device device = load(name);
    Versions.check(ifMatch, null, device.getVersion());
    credentials.supply(device.getCredentials(), credential, body);
    device.touch();
    return versioned(devices.saveAndFlush(device));
  }

  Device load(String name) {
    return devices.findByName(name).orElseThrow(() -> PatchbayException.notFound("device", name));
  }

  static Versioned<DeviceResponse> versioned(Device device) {
    return new Versioned<>(DeviceResponse.of(device), device.getVersion());
  }

  private void write(Device device, DeviceRequest body) {
    device.setTestbed(body.testbed() == null ? null : testbed(body.testbed()));
    device.setOs(body.os());
    device.setPlatform(body.platform());
    device.setType(body.type());
    device.setRole(body.role());
    device.setAliases(body.aliases());
    device.setCustom(body.custom());
    device.setConnectionDefaults(
        body.connectionDefaults() == null ? null : body.connectionDefaults().toMap());
    if (body.credentials() != null) {
      credentials.replace(device.getCredentials(), body.credentials(), "credentials");
    }
    if (body.connections() != null) {
      connections.replaceAll(device, body.connections());
      for (int i = 0; i < device.getConnections().size(); i++) {
        ProxyHops.check(
            device.getName(),
            device.getConnections().get(i),
            "connections[" + i + "].proxy",
            "connections[" + i + "].sshOptions",
            DeviceLookup.of(devices).with(List.of(device)));
      }
    }
  }

  private Testbed testbed(String name) {
    return testbeds
        .findByName(name)
        .orElseThrow(
            () ->
                PatchbayException.invalid(
                    "the device is invalid",
                    List.of(new FieldProblem("testbed", "testbed '" + name + "' does not exist"))));
  }
}
