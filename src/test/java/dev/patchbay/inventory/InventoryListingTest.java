package dev.patchbay.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Listing filters, name globs, paging and sort order of devices and testbeds. */
class InventoryListingTest extends InventoryApiTestSupport {

  private String prefix;
  private String testbed;

  @BeforeEach
  void devices() {
    prefix = unique("ls");
    testbed = prefix + "-lab";
    body(post("/api/v1/testbeds", "{\"name\": \"" + testbed + "\"}"), 201);
    device(prefix + "-r2", testbed, "iosxe", "router");
    device(prefix + "-r1", testbed, "iosxe", "router");
    device(prefix + "-r10", testbed, "nxos", "router");
    device(prefix + "-sw1", null, "nxos", "switch");
    device(prefix + "_x", null, "linux", "server");
    device(prefix + "ax", null, "linux", "server");
  }

  private void device(String name, String testbed, String os, String type) {
    String tb = testbed == null ? "" : ", \"testbed\": \"" + testbed + "\"";
    body(
        post(
            "/api/v1/devices",
            "{\"name\": \"%s\", \"os\": \"%s\", \"type\": \"%s\"%s}".formatted(name, os, type, tb)),
        201);
  }

  private List<String> names(String query) {
    List<String> names = new ArrayList<>();
    body(get("/api/v1/devices?" + query), 200)
        .path("items")
        .forEach(d -> names.add(d.path("name").asString()));
    return names;
  }

  @Test
  void filtersAndGlobs() {
    assertThat(names("name=" + prefix + "-r*"))
        .containsExactly(prefix + "-r1", prefix + "-r10", prefix + "-r2");
    assertThat(names("name=" + prefix + "-r?")).containsExactly(prefix + "-r1", prefix + "-r2");
    assertThat(names("name=" + prefix + "_x")).containsExactly(prefix + "_x");
    assertThat(names("testbed=" + testbed)).hasSize(3);
    assertThat(names("testbed=" + testbed + "&os=iosxe"))
        .containsExactly(prefix + "-r1", prefix + "-r2");
    assertThat(names("name=" + prefix + "*&type=switch")).containsExactly(prefix + "-sw1");
    assertThat(names("name=" + prefix + "*&os=linux"))
        .containsExactly(prefix + "_x", prefix + "ax");
    assertThat(names("testbed=no-such-lab")).isEmpty();
  }

  @Test
  void pagesAreSortedByName() {
    JsonNode first = body(get("/api/v1/devices?name=" + prefix + "-*&size=2"), 200);
    assertThat(first.path("page").asInt()).isZero();
    assertThat(first.path("size").asInt()).isEqualTo(2);
    assertThat(first.path("totalItems").asLong()).isEqualTo(4);
    assertThat(first.path("totalPages").asInt()).isEqualTo(2);
    assertThat(first.path("items")).hasSize(2);
    assertThat(names("name=" + prefix + "-*&size=2&page=1"))
        .containsExactly(prefix + "-r2", prefix + "-sw1");
    assertThat(names("name=" + prefix + "-*&size=2&page=5")).isEmpty();
    assertThat(body(get("/api/v1/devices?size=500"), 200).path("size").asInt()).isEqualTo(500);
  }

  @Test
  void testbedsListWithGlobAndPaging() {
    String second = prefix + "-lab2";
    body(post("/api/v1/testbeds", "{\"name\": \"" + second + "\"}"), 201);
    JsonNode page = body(get("/api/v1/testbeds?name=" + prefix + "-lab*&size=1"), 200);
    assertThat(page.path("totalItems").asLong()).isEqualTo(2);
    assertThat(page.path("totalPages").asInt()).isEqualTo(2);
    assertThat(page.path("items").get(0).path("name").asString()).isEqualTo(testbed);
  }
}
