package dev.patchbay.testsupport;

import dev.patchbay.cluster.InstanceIdentity;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A Prometheus scrape without the {@code instance} label every meter carries (the instance's name,
 * the host name in tests), so that tests name series by the labels they are about.
 */
public final class PrometheusScrape {

  private PrometheusScrape() {}

  /** Scrapes {@code /actuator/prometheus} with the client's (ADMIN) token. */
  public static String read(WebTestClient client, InstanceIdentity instance) {
    return withoutInstance(
        client
            .get()
            .uri("/actuator/prometheus")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody(),
        instance);
  }

  public static String withoutInstance(String scrape, InstanceIdentity instance) {
    String label = "instance=\"" + instance.name() + "\"";
    return scrape.replace("{" + label + "}", "").replace(label + ",", "");
  }
}
