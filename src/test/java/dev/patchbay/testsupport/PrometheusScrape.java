package dev.patchbay.testsupport;

import dev.patchbay.cluster.InstanceIdentity;

/**
 * A Prometheus scrape without the {@code instance} label every meter carries (the instance's name,
 * the host name in tests), so that tests name series by the labels they are about.
 */
public final class PrometheusScrape {

  private PrometheusScrape() {}

  public static String withoutInstance(String scrape, InstanceIdentity instance) {
    String label = "instance=\"" + instance.name() + "\"";
    return scrape.replace("{" + label + "}", "").replace(label + ",", "");
  }
}
