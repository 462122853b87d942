package dev.patchbay.bench;

import java.nio.file.Path;

/**
 * What every scenario needs: the JDK, the service jar, the admin token the service is started with
 * (sent on every request), where results go, and whether this is a quick run (smaller N, shorter).
 */
record Settings(Jvm jvm, Path serviceJar, Path benchDir, Path results, String token, boolean quick) {

  /** {@code full} in a full run, {@code quick} in a quick one. */
  int pick(int full, int quick) {
    return this.quick ? quick : full;
  }
}
