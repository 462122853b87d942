package dev.patchbay.testsupport;

import dev.patchbay.lease.LeaseEventLog;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;

/**
 * The real service on a random port with an in-memory H2 database and no devices: the one context
 * shared by the inventory, security and audit API tests (Spring caches it, so it starts once).
 * Tests name what they create uniquely, so they share the database without seeing each other.
 *
 * <p>Every property here is one some test of the group needs; keep them compatible with all of them
 * rather than adding a property to one class (which would start another context): {@code
 * max-failures} is high because the authorization tests send many bad tokens, and {@code
 * batch-size} is small so that the audit test writes more events than a batch holds; one browser
 * origin is allowed so that the CORS tests see both an allowed and a refused origin; the OpenAPI
 * document is built at start-up, as in production (the test configuration turns that off).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:patchbay-api;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000",
      "patchbay.data-dir=target/test-data",
      "patchbay.security.master-key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
      "patchbay.auth.max-failures=100000",
      "patchbay.auth.allowed-origins=https://console.example",
      "patchbay.audit.batch-size=7",
      "patchbay.lease.sweep-interval=200ms",
      "patchbay.lease.max-wait=120s",
      "springdoc.pre-loading-enabled=true"
    })
@AutoConfigureWebTestClient(timeout = "120s")
@Import(LeaseEventLog.class)
public @interface ApiContextTest {}
