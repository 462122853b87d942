package dev.patchbay.security.access;

import static dev.patchbay.security.access.TestbedScope.CHECKED_BY_HANDLER;
import static dev.patchbay.security.access.TestbedScope.DEVICE_IN_PATH;
import static dev.patchbay.security.access.TestbedScope.FILTERED_BY_HANDLER;
import static dev.patchbay.security.access.TestbedScope.NONE;
import static dev.patchbay.security.access.TestbedScope.TESTBED_IN_PATH;
import static dev.patchbay.security.access.TestbedScope.TESTBED_IN_QUERY;
import static dev.patchbay.security.access.TestbedScope.UNSCOPED_ONLY;
import static dev.patchbay.security.token.Role.ADMIN;
import static dev.patchbay.security.token.Role.OPERATOR;
import static dev.patchbay.security.token.Role.VIEWER;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.util.List;

/**
 * The route table: one rule per route the service maps, in the handlers' own patterns. A route
 * without a rule is refused to everyone (and fails the authorisation matrix test), so a new
 * endpoint cannot go out open by accident.
 */
public final class AccessRules {

  private static final String DEVICE = "/api/v1/devices/{name}";
  private static final String CONNECTIONS = "/api/v1/devices/{device}/connections";
  private static final String SESSIONS = "/api/v1/devices/{device}/sessions";
  private static final String SESSION = SESSIONS + "/{alias}";
  private static final String TESTBED = "/api/v1/testbeds/{name}";

  /** Routes the web console, the API documentation and health checks need without a token. */
  public static final List<AccessRule> PUBLIC =
      List.of(
          AccessRule.open(GET, "/"),
          AccessRule.open(GET, "/index.html"),
          AccessRule.open(GET, "/app.js"),
          AccessRule.open(GET, "/app.css"),
          AccessRule.open(GET, "/vendor/**"),
          AccessRule.open(GET, "/favicon.ico"),
          AccessRule.open(GET, "/v3/api-docs"),
          AccessRule.open(GET, "/v3/api-docs/**"),
          AccessRule.open(GET, "/v3/api-docs.yaml"),
          AccessRule.open(GET, "/swagger-ui.html"),
          AccessRule.open(GET, "/swagger-ui/**"),
          AccessRule.open(GET, "/webjars/**"),
          AccessRule.open(GET, "/actuator/health"),
          AccessRule.open(GET, "/actuator/health/**"));

  /** The API, the terminal WebSocket and the actuator. */
  public static final List<AccessRule> API =
      List.of(
          AccessRule.of(GET, "/api/v1/devices", VIEWER, TESTBED_IN_QUERY),
          AccessRule.of(POST, "/api/v1/devices", ADMIN, UNSCOPED_ONLY),
          AccessRule.of(GET, DEVICE, VIEWER, DEVICE_IN_PATH),
          AccessRule.of(PUT, DEVICE, ADMIN, UNSCOPED_ONLY),
          AccessRule.of(PATCH, DEVICE, ADMIN, UNSCOPED_ONLY),
          AccessRule.of(DELETE, DEVICE, ADMIN, UNSCOPED_ONLY),
          AccessRule.of(PUT, DEVICE + "/credentials/{credential}", ADMIN, UNSCOPED_ONLY),
          AccessRule.of(GET, CONNECTIONS, VIEWER, DEVICE_IN_PATH),
          AccessRule.of(POST, CONNECTIONS, ADMIN, UNSCOPED_ONLY),
          AccessRule.of(GET, CONNECTIONS + "/{connection}", VIEWER, DEVICE_IN_PATH),
          AccessRule.of(PUT, CONNECTIONS + "/{connection}", ADMIN, UNSCOPED_ONLY),
          AccessRule.of(DELETE, CONNECTIONS + "/{connection}", ADMIN, UNSCOPED_ONLY),
          AccessRule.of(GET, CONNECTIONS + "/{connection}/host-key", VIEWER, DEVICE_IN_PATH),
          AccessRule.of(PUT, CONNECTIONS + "/{connection}/host-key", ADMIN, UNSCOPED_ONLY),
          AccessRule.of(DELETE, CONNECTIONS + "/{connection}/host-key", ADMIN, UNSCOPED_ONLY),
          AccessRule.of(POST, SESSIONS, OPERATOR, DEVICE_IN_PATH),
          AccessRule.of(GET, SESSIONS, VIEWER, DEVICE_IN_PATH),
          AccessRule.of(GET, SESSION, VIEWER, DEVICE_IN_PATH),
          AccessRule.of(DELETE, SESSION, OPERATOR, DEVICE_IN_PATH),
          AccessRule.of(POST, SESSION + "/execute", OPERATOR, DEVICE_IN_PATH),
          AccessRule.of(POST, SESSION + "/execute-batch", OPERATOR, DEVICE_IN_PATH),
          AccessRule.of(POST, SESSION + "/configure", OPERATOR, DEVICE_IN_PATH),
          AccessRule.of(
              GET, "/ws/v1/devices/{device}/sessions/{alias}/terminal", VIEWER, DEVICE_IN_PATH),
          AccessRule.of(GET, "/api/v1/sessions", VIEWER, FILTERED_BY_HANDLER),
          AccessRule.of(GET, "/api/v1/events", VIEWER, FILTERED_BY_HANDLER),
          AccessRule.of(GET, "/api/v1/testbeds", VIEWER, UNSCOPED_ONLY),
          AccessRule.of(POST, "/api/v1/testbeds", ADMIN, UNSCOPED_ONLY),
          AccessRule.of(POST, "/api/v1/testbeds/import", ADMIN, UNSCOPED_ONLY),
          AccessRule.of(GET, TESTBED, VIEWER, TESTBED_IN_PATH),
          AccessRule.of(PUT, TESTBED, ADMIN, UNSCOPED_ONLY),
          AccessRule.of(PATCH, TESTBED, ADMIN, UNSCOPED_ONLY),
          AccessRule.of(DELETE, TESTBED, ADMIN, UNSCOPED_ONLY),
          AccessRule.of(PUT, TESTBED + "/credentials/{credential}", ADMIN, UNSCOPED_ONLY),
          AccessRule.of(POST, "/api/v1/leases", OPERATOR, CHECKED_BY_HANDLER),
          AccessRule.of(GET, "/api/v1/leases", VIEWER, FILTERED_BY_HANDLER),
          AccessRule.of(GET, "/api/v1/leases/{id}", VIEWER, FILTERED_BY_HANDLER),
          AccessRule.of(POST, "/api/v1/leases/{id}/renew", OPERATOR, NONE),
          AccessRule.of(DELETE, "/api/v1/leases/{id}", OPERATOR, NONE),
          AccessRule.of(POST, "/api/v1/jobs", OPERATOR, CHECKED_BY_HANDLER),
          AccessRule.of(GET, "/api/v1/jobs", VIEWER, FILTERED_BY_HANDLER),
          AccessRule.of(GET, "/api/v1/jobs/{id}", VIEWER, FILTERED_BY_HANDLER),
          AccessRule.of(DELETE, "/api/v1/jobs/{id}", OPERATOR, FILTERED_BY_HANDLER),
          AccessRule.of(GET, "/api/v1/jobs/{id}/events", VIEWER, FILTERED_BY_HANDLER),
          AccessRule.of(GET, "/api/v1/recordings", OPERATOR, FILTERED_BY_HANDLER),
          AccessRule.of(GET, "/api/v1/recordings/{id}", OPERATOR, FILTERED_BY_HANDLER),
          AccessRule.of(GET, "/api/v1/audit", ADMIN, UNSCOPED_ONLY),
          AccessRule.of(GET, "/api/v1/tokens", ADMIN, UNSCOPED_ONLY),
          AccessRule.of(POST, "/api/v1/tokens", ADMIN, UNSCOPED_ONLY),
          AccessRule.of(GET, "/api/v1/tokens/{id}", ADMIN, UNSCOPED_ONLY),
          AccessRule.of(DELETE, "/api/v1/tokens/{id}", ADMIN, UNSCOPED_ONLY),
          AccessRule.of(POST, "/api/v1/admin/master-key/rotation", ADMIN, UNSCOPED_ONLY),
          AccessRule.of(GET, "/api/v1/parse/templates", VIEWER, NONE),
          AccessRule.of(POST, "/api/v1/parse", OPERATOR, NONE),
          AccessRule.of(GET, "/api/v1/auth/me", VIEWER, NONE),
          AccessRule.of(POST, "/api/v1/auth/tickets", VIEWER, NONE),
          AccessRule.of(GET, "/actuator/**", ADMIN, UNSCOPED_ONLY));

  private AccessRules() {}

  /** Every rule, public ones first. */
  public static List<AccessRule> all() {
    return java.util.stream.Stream.concat(PUBLIC.stream(), API.stream()).toList();
  }
}
