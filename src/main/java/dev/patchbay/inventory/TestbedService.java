package dev.patchbay.inventory;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.web.MergePatch;
import dev.patchbay.web.PageResponse;
import dev.patchbay.web.Paging;
import dev.patchbay.web.Versioned;
import dev.patchbay.web.Versions;
import java.util.List;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Testbeds: validated create, replace and delete (refused while devices remain, unless cascaded).
 */
@Service
@Transactional
public class TestbedService {

  private final TestbedRepository testbeds;
  private final DeviceRepository devices;
  private final CredentialWriter credentials;
  private final JsonMapper mapper;
  private final List<DeviceDeletionGuard> deletionGuards;

  TestbedService(
      TestbedRepository testbeds,
      DeviceRepository devices,
      CredentialWriter credentials,
      JsonMapper mapper,
      List<DeviceDeletionGuard> deletionGuards) {
    this.testbeds = testbeds;
    this.devices = devices;
    this.credentials = credentials;
    this.mapper = mapper;
    this.deletionGuards = List.copyOf(deletionGuards);
  }

  /** Lists testbeds whose name matches the glob {@code name} (null: all). */
  @Transactional(readOnly = true)
  public PageResponse<TestbedResponse> list(String name, int page, int size) {
    Paging.check(page, size);
    Specification<Testbed> spec =
        (root, query, cb) ->
            name == null
                ? cb.conjunction()
                : cb.like(root.get("name"), Names.globToLike(name), '\\');
    return PageResponse.of(
        testbeds.findAll(spec, PageRequest.of(page, size, Sort.by("name"))), TestbedResponse::of);
  }

  @Transactional(readOnly = true)
  public Versioned<TestbedResponse> get(String name) {
    return versioned(load(name));
  }

  public Versioned<TestbedResponse> create(TestbedRequest body) {
    InventoryValidator.testbed(body, null);
    if (testbeds.existsByName(body.name())) {
      throw PatchbayException.conflict("testbed '" + body.name() + "' already exists");
    }
    Testbed testbed = new Testbed(body.name());
    write(testbed, body);
    return versioned(testbeds.saveAndFlush(testbed));
  }

  /** Replaces the testbed; absent {@code credentials} stay as they are. */
  public Versioned<TestbedResponse> replace(String name, TestbedRequest body, String ifMatch) {
    Testbed testbed = load(name);
    Versions.check(ifMatch, body.version(), testbed.getVersion());
    InventoryValidator.testbed(body, testbed.getName());
    if (body.name() != null && !body.name().equals(testbed.getName())) {
      if (testbeds.existsByName(body.name())) {
        throw PatchbayException.conflict("testbed '" + body.name() + "' already exists");
      }
      testbed.setName(body.name());
    }
    write(testbed, body);
    testbed.touch();
    return versioned(testbeds.saveAndFlush(testbed));
  }

  /** Applies a JSON merge patch to the testbed's current form, then replaces it. */
  public Versioned<TestbedResponse> patch(String name, JsonNode patch, String ifMatch) {
    Testbed testbed = load(name);
    Versions.check(ifMatch, null, testbed.getVersion());
    TestbedRequest merged =
        MergePatch.apply(mapper, TestbedResponse.of(testbed), patch, TestbedRequest.class);
    return replace(name, merged, null);
  }

  /** Deletes the testbed; with {@code cascade} its devices too, otherwise only when it has none. */
  public void delete(String name, boolean cascade, String ifMatch) {
    Testbed testbed = load(name);
    Versions.check(ifMatch, null, testbed.getVersion());
    List<Device> members = devices.findByTestbedOrderByNameAsc(testbed);
    if (!members.isEmpty() && !cascade) {
      throw PatchbayException.conflict(
          "testbed '"
              + name
              + "' still has "
              + members.size()
              + " device(s); delete them first or use ?cascade=true");
    }
    members.forEach(
        device -> deletionGuards.forEach(guard -> guard.beforeDelete(device.getName(), false)));
    devices.deleteAll(members);
    devices.flush();
    testbeds.delete(testbed);
    testbeds.flush();
  }

  /** Supplies the secret of one of the testbed's default credentials (e.g. one marked ASK). */
  public Versioned<TestbedResponse> supplySecret(
      String name, String credential, CredentialRequest body, String ifMatch) {
    InventoryValidator.credential(credential, body);
    Testbed testbed = load(name);
    Versions.check(ifMatch, null, testbed.getVersion());
    credentials.supply(testbed.getCredentials(), credential, body);
    testbed.touch();
    return versioned(testbeds.saveAndFlush(testbed));
  }

  private Testbed load(String name) {
    return testbeds.findByName(name).orElseThrow(() -> PatchbayException.notFound("testbed", name));
  }

  private static Versioned<TestbedResponse> versioned(Testbed testbed) {
    return new Versioned<>(TestbedResponse.of(testbed), testbed.getVersion());
  }

  private void write(Testbed testbed, TestbedRequest body) {
    testbed.setDescription(body.description());
    testbed.setAlias(body.alias());
    testbed.setCustom(body.custom());
    if (body.credentials() != null) {
      credentials.replace(testbed.getCredentials(), body.credentials(), "credentials");
    }
  }
}
