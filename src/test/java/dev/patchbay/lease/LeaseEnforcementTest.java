package dev.patchbay.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Device writes on leased devices over HTTP: 423 without or with a wrong lease, 409 for a stale
 * fencing token, reads open; the audit trail of it all, and no token in any listing.
 */
class LeaseEnforcementTest extends LeaseApiTestSupport {

  @Test
  void writesToALeasedDeviceNeedItsLeaseAndACurrentFencingToken() {
    String device = unique("r");
    String free = unique("free");
    devices(device, free);
    String uri = "/api/v1/devices/" + device;
    String replace = "{\"os\": \"iosxe\"}";

    JsonNode first = granted("job-1", 60, 0, device);
    JsonNode locked = problem(send("PUT", uri, replace, Map.of()), 423, "locked");
    assertThat(locked.path("holder").asString()).isEqualTo("job-1");
    assertThat(locked.path("device").asString()).isEqualTo(device);
    problem(
        send("PUT", uri, replace, Map.of("Patchbay-Lease", first.path("id").asLong() + ":wrong")),
        423,
        "locked");
    problem(
        send("PUT", uri, replace, Map.of("Patchbay-Lease", "garbage")),
        400,
        "validation",
        "Patchbay-Lease");
    problem(send("PATCH", uri, "{\"role\": \"p\"}", Map.of()), 423, "locked");
    problem(
        send(
            "POST",
            uri + "/connections",
            "{\"name\": \"vty\", \"protocol\": \"telnet\", \"host\": \"127.0.0.1\", \"port\": 23}",
            Map.of()),
        423,
        "locked");
    problem(send("DELETE", uri, null, Map.of()), 423, "locked");
    body(send("GET", uri, null, Map.of()), 200);
    body(send("PUT", "/api/v1/devices/" + free, replace, Map.of()), 200);
    body(send("PUT", uri, replace, leaseHeader(first)), 200);
    body(
        send(
            "POST",
            uri + "/connections",
            "{\"name\": \"vty\", \"protocol\": \"telnet\", \"host\": \"127.0.0.1\", \"port\": 23}",
            leaseHeader(first)),
        201);

    release(first).expectStatus().isNoContent();
    JsonNode second = granted("job-2", 60, 0, device);
    long stale = first.path("fencingToken").asLong();
    long current = second.path("fencingToken").asLong();
    assertThat(current).isGreaterThan(stale);
    Map<String, String> staleHeaders = new HashMap<>(leaseHeader(second));
    staleHeaders.put("Patchbay-Fencing-Token", String.valueOf(stale));
    JsonNode refused = problem(send("PUT", uri, replace, staleHeaders), 409, "stale-fencing-token");
    assertThat(refused.path("currentFencingToken").asLong()).isEqualTo(current);
    problem(send("PUT", uri, replace, leaseHeader(first)), 423, "locked");
    Map<String, String> currentHeaders = new HashMap<>(leaseHeader(second));
    currentHeaders.put("Patchbay-Fencing-Token", String.valueOf(current));
    body(send("PUT", uri, replace, currentHeaders), 200);

    release(second).expectStatus().isNoContent();
    problem(
        send("PUT", uri, replace, Map.of("Patchbay-Fencing-Token", String.valueOf(stale))),
        409,
        "stale-fencing-token");
    body(send("PUT", uri, replace, Map.of()), 200);
    send("DELETE", uri + "/connections/vty", null, Map.of()).expectStatus().isNoContent();

    JsonNode audited =
        body(send("GET", "/api/v1/audit?size=500&device=" + device, null, Map.of()), 200);
    assertThat(
            audited
                .path("items")
                .valueStream()
                .filter(e -> e.path("action").asString().equals("device.write"))
                .map(e -> e.path("outcome").asString()))
        .hasSize(8)
        .containsOnly("REFUSED");
  }

  @Test
  void leaseActionsAreAuditedAndTokensNeverListed() {
    String device = unique("r");
    devices(device);
    String holder = unique("job");
    JsonNode lease = granted(holder, 60, 0, device);
    problem(acquire(unique("other"), 60, 0, device), 409, "lease-conflict");
    body(
        send(
            "POST",
            "/api/v1/leases/" + lease.path("id").asLong() + "/renew",
            "{\"ttlSeconds\": 120}",
            leaseHeader(lease)),
        200);
    release(lease).expectStatus().isNoContent();

    JsonNode events =
        body(send("GET", "/api/v1/audit?device=" + device, null, Map.of()), 200).path("items");
    List<String> actions =
        events
            .valueStream()
            .map(e -> e.path("action").asString() + ":" + e.path("outcome").asString())
            .toList();
    assertThat(actions)
        .containsExactly(
            "lease.release:SUCCESS",
            "lease.renew:SUCCESS",
            "lease.acquire:REFUSED",
            "lease.acquire:SUCCESS");
    assertThat(events.get(2).path("detail").asString()).contains(holder);
    JsonNode byActor = body(send("GET", "/api/v1/audit?actor=" + holder, null, Map.of()), 200);
    assertThat(byActor.path("totalItems").asLong()).isEqualTo(3);
    String from = events.get(3).path("occurredAt").asString();
    String to = events.get(0).path("occurredAt").asString();
    JsonNode window =
        body(
            send(
                "GET",
                "/api/v1/audit?device=" + device + "&from=" + from + "&to=" + to + "&size=2",
                null,
                Map.of()),
            200);
    assertThat(window.path("totalItems").asLong()).isEqualTo(3);
    assertThat(window.path("items")).hasSize(2);
    problem(send("GET", "/api/v1/audit?from=yesterday", null, Map.of()), 400, "malformed-request");

    body(send("GET", "/api/v1/leases?device=" + device, null, Map.of()), 200);
    body(send("GET", "/api/v1/leases/" + lease.path("id").asLong(), null, Map.of()), 200);
    String token = lease.path("token").asString();
    assertThat(String.join("\n", bodies.subList(2, bodies.size()))).doesNotContain(token);
  }
}
