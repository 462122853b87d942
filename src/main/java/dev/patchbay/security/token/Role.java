package dev.patchbay.security.token;

import java.util.Arrays;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What an API token may do. Roles are cumulative: an OPERATOR can do what a VIEWER can, an ADMIN
 * what an OPERATOR can.
 */
public enum Role {
  /** Reads inventory, leases and recordings; watches terminals read-only. */
  VIEWER,
  /** Opens, uses and closes sessions, takes leases, writes in terminals. */
  OPERATOR,
  /** Edits the inventory, manages tokens and settings, reads the audit log and actuator. */
  ADMIN;

  /** The Spring Security authority of this role, {@code ROLE_<name>}. */
  public String authority() {
    return "ROLE_" + name();
  }

  /** This role's authority and those of every role below it. */
  public List<GrantedAuthority> grantedAuthorities() {
    return Arrays.stream(values())
        .filter(role -> role.ordinal() <= ordinal())
        .<GrantedAuthority>map(role -> new SimpleGrantedAuthority(role.authority()))
        .toList();
  }

  /** Whether this role includes {@code other}. */
  public boolean includes(Role other) {
    return ordinal() >= other.ordinal();
  }
}
