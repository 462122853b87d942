package dev.patchbay.web;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import java.util.List;
import java.util.Map;

/**
 * Optimistic-locking preconditions: an {@code If-Match} header that does not name the current
 * version fails with 412, a stale {@code version} in the body with 409. {@code If-Match} compares
 * strongly (RFC 9110 13.1.1): a weak tag such as {@code W/"3"} never matches, so it fails with 412
 * too, and the detail says why.
 */
public final class Versions {

  private Versions() {}

  static String etag(long version) {
    return "\"" + version + "\"";
  }

  public static void check(String ifMatch, Long bodyVersion, long current) {
    if (ifMatch != null && !matches(ifMatch, current)) {
      throw new PatchbayException(
          ProblemType.PRECONDITION_FAILED,
          "If-Match "
              + ifMatch
              + " does not match the current version "
              + etag(current)
              + (ifMatch.contains("W/")
                  ? "; weak tags (W/) never match: If-Match needs the strong ETag"
                  : ""),
          List.of(),
          Map.of("currentVersion", current));
    }
    if (bodyVersion != null && bodyVersion != current) {
      throw new PatchbayException(
          ProblemType.STALE_VERSION,
          "version " + bodyVersion + " is stale; the current version is " + current,
          List.of(),
          Map.of("currentVersion", current));
    }
  }

  private static boolean matches(String ifMatch, long current) {
    for (String tag : ifMatch.split(",")) {
      String candidate = tag.trim();
      if (candidate.equals("*") || candidate.equals(etag(current))) {
        return true;
      }
    }
    return false;
  }
}
