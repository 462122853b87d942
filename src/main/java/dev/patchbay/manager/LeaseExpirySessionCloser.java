package dev.patchbay.manager;

import dev.patchbay.lease.LeaseEndReason;
import dev.patchbay.lease.LeaseEnded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When a lease expires, closes the sessions of its devices, so that work started under a lease does
 * not outlive it (a released lease leaves them to its holder). Off with {@code
 * patchbay.lease.close-sessions-on-expiry=false}.
 */
@Component
class LeaseExpirySessionCloser {

  private static final Logger log = LoggerFactory.getLogger(LeaseExpirySessionCloser.class);

  private final ConnectionManagerRegistry registry;
  private final boolean enabled;

  LeaseExpirySessionCloser(
      ConnectionManagerRegistry registry,
      @Value("${patchbay.lease.close-sessions-on-expiry:true}") boolean enabled) {
    this.registry = registry;
    this.enabled = enabled;
  }

  @EventListener
  void onLeaseEnded(LeaseEnded event) {
    if (!enabled || event.reason() != LeaseEndReason.EXPIRED) {
      return;
    }
    for (String device : event.devices()) {
      registry
          .existing(device)
          .ifPresent(
              manager -> {
                log.info("Lease {} expired: closing the sessions of {}", event.leaseId(), device);
                manager.destroyAll(CloseReason.LEASE_EXPIRED);
              });
    }
  }
}
