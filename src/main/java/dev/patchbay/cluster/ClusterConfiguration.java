package dev.patchbay.cluster;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The identity of this run, shared by everything that stamps or routes by instance. */
@Configuration(proxyBeanMethods = false)
class ClusterConfiguration {

  @Bean
  InstanceIdentity instanceIdentity(ClusterProperties properties) {
    return InstanceIdentity.start(properties);
  }
}
