package dev.patchbay.inventory;

import jakarta.persistence.criteria.AbstractQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import java.util.Set;

/**
 * Criteria for records that name devices (leases, recordings), limited to the devices of a
 * testbed-scoped token's testbeds: the filter runs in the database, so paging and totals count only
 * what the token may see. A device name that is in no such testbed (another testbed's, one in no
 * testbed, or one deleted since) is outside the scope.
 */
public final class ScopedDevices {

  private ScopedDevices() {}

  /** {@code device} names a device of one of {@code testbeds}. */
  public static Predicate inTestbeds(
      AbstractQuery<?> query, CriteriaBuilder cb, Expression<String> device, Set<String> testbeds) {
    Subquery<String> names = query.subquery(String.class);
    Root<Device> root = names.from(Device.class);
    names.select(root.get("name")).where(root.join("testbed").get("name").in(testbeds));
    return device.in(names);
  }
}
