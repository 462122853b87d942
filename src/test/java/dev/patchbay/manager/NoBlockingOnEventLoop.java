package dev.patchbay.manager;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import reactor.blockhound.BlockHound;

/**
 * Installs BlockHound when the JUnit launcher session opens (registered in {@code
 * META-INF/services}), before any Spring context or Netty event loop exists: BlockHound only
 * watches threads started after it is installed. Every blocking call on a non-blocking thread
 * (Netty event loops, Reactor parallel workers) is recorded, so that a test can assert there was
 * none, and thrown, as BlockHound does by default. It watches every test class of the JVM.
 *
 * <p>Not in Maven's own JVM: with several test forks surefire opens a launcher session there only
 * to list the test classes, and nothing runs on an event loop there.
 */
public final class NoBlockingOnEventLoop implements LauncherSessionListener {

  private static final List<String> violations = new CopyOnWriteArrayList<>();
  private static boolean installed;

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (System.getProperty("classworlds.conf") == null) {
      install();
    }
  }

  private static synchronized void install() {
    if (installed) {
      return;
    }
    BlockHound.install(
        builder ->
            builder
                // springdoc builds the OpenAPI document at start-up (springdoc.pre-loading-enabled)
                // under a lock; a /v3/api-docs request arriving while that build runs parks on it.
                .allowBlockingCallsInside("org.springdoc.api.AbstractOpenApiResource", "getOpenApi")
                // Jackson 3 builds a type's deserializer once under a short lock; concurrent first
                // requests of one body type may park on it briefly, never on device I/O.
                .allowBlockingCallsInside(
                    "tools.jackson.databind.deser.DeserializerCache",
                    "_createAndCacheValueDeserializer")
                // Netty's adaptive allocator grows its magazine array under a StampedLock when
                // event loops contend for buffers (a loaded machine); Netty's own BlockHound rules
                // allow its pooled allocator's locks but not this one yet.
                .allowBlockingCallsInside(
                    "io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines")
                .blockingMethodCallback(
                    method -> {
                      String where = method + " on " + Thread.currentThread().getName();
                      violations.add(where);
                      throw new Error("Blocking call! " + where);
                    }));
    installed = true;
  }

  /** Forgets the recorded violations (after a test provoked one on purpose). */
  static void clear() {
    violations.clear();
  }

  /** Blocking calls seen on non-blocking threads since the JVM started. */
  static List<String> violations() {
    return List.copyOf(violations);
  }
}
