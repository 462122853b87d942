package dev.patchbay.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The identity of this run, shared by everything that stamps or routes by instance. */
@Configuration(proxyBeanMethods = false)
class ClusterConfiguration {

  @Bean
  InstanceIdentity instanceIdentity(ClusterProperties properties) {
    return InstanceIdentity.start(properties);
  }

  /** Every meter carries {@code instance=<name>}, so a cluster's metrics add up per instance. */
  @Bean
  MeterRegistryCustomizer<MeterRegistry> instanceTag(InstanceIdentity identity) {
    return registry -> registry.config().commonTags("instance", identity.name());
  }
}
