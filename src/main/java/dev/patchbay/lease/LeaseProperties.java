package dev.patchbay.lease;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code patchbay.lease.*}: how often expired leases are ended, the longest time to live a lease
 * may ask for (also per renewal), and the longest a request may wait for busy devices.
 */
@ConfigurationProperties("patchbay.lease")
public record LeaseProperties(
    @DefaultValue("1s") Duration sweepInterval,
    @DefaultValue("24h") Duration maxTtl,
    @DefaultValue("10m") Duration maxWait) {}
