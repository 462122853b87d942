package dev.patchbay.security.token;

import java.time.Instant;
import java.util.Set;

/**
 * Who is calling: the API token's id, name and role, the testbeds it may reach (null: every
 * testbed) and when it expires (null: never).
 */
public record TokenPrincipal(
    long tokenId, String name, Role role, Set<String> testbeds, Instant expiresAt) {

  /** Whether this caller may reach a device of {@code testbed} (null: a device in no testbed). */
  public boolean reaches(String testbed) {
    return testbeds == null || (testbed != null && testbeds.contains(testbed));
  }

  /** Whether this token is limited to some testbeds. */
  public boolean scoped() {
    return testbeds != null;
  }
}
