package dev.patchbay.lease;

import dev.patchbay.api.FieldProblem;
import dev.patchbay.api.PatchbayException;
import dev.patchbay.web.LeaseCredentials;
import java.util.List;

/** The {@code Patchbay-Lease: <leaseId>:<token>} header, parsed. */
record PresentedLease(long leaseId, String token) {

  static PresentedLease parse(String header) {
    int colon = header == null ? -1 : header.indexOf(':');
    if (colon > 0 && colon < header.length() - 1) {
      try {
        return new PresentedLease(
            Long.parseLong(header.substring(0, colon).trim()), header.substring(colon + 1).trim());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw PatchbayException.invalid(
        "malformed lease header",
        List.of(new FieldProblem(LeaseCredentials.LEASE_HEADER, "must be '<leaseId>:<token>'")));
  }

  static Long parseFencingToken(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      throw PatchbayException.invalid(
          "malformed fencing token",
          List.of(new FieldProblem(LeaseCredentials.FENCING_HEADER, "must be a number")));
    }
  }
}
