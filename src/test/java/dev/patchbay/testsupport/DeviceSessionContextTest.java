package dev.patchbay.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

/**
 * The real service on a random port with an in-memory H2 database, for tests that open sessions to
 * simulated devices over REST or the web terminal: the one context shared by the session API
 * ({@code manager}) and terminal tests. Each test registers its own device, so tests share no
 * session. Fast health checks and reconnects keep the reconnect scenarios short; {@code
 * max-per-device} is what the connection-limit test asserts.
 *
 * <p>Classes that need a property of their own (a data directory they inspect, a retention) add a
 * {@code @TestPropertySource} and get a context of their own: do so only when they must.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:patchbay-sessions;DB_CLOSE_DELAY=-1",
      "patchbay.data-dir=target/test-data",
      "patchbay.security.master-key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
      "patchbay.simulator.enabled=false",
      "patchbay.manager.max-per-device=6",
      "patchbay.manager.health-interval=200ms",
      "patchbay.manager.reconnect-backoff=200ms",
      "patchbay.jobs.webhooks.allowed-hosts=127.0.0.1",
      "patchbay.jobs.webhooks.backoff=100ms"
    })
@AutoConfigureWebTestClient(timeout = "60s")
public @interface DeviceSessionContextTest {}
