package dev.patchbay.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The asynchronous audit writer ({@code patchbay.audit.*}).
 *
 * @param queueCapacity events waiting to be written; past it new events are dropped and counted
 *     ({@code patchbay.audit.dropped})
 * @param batchSize events written per transaction at most
 * @param linger how long the writer waits for more events once one arrived, to write them together
 * @param shutdownTimeout how long shutdown waits for queued events to be written
 */
@ConfigurationProperties("patchbay.audit")
public record AuditProperties(
    @DefaultValue("10000") int queueCapacity,
    @DefaultValue("500") int batchSize,
    @DefaultValue("50ms") Duration linger,
    @DefaultValue("10s") Duration shutdownTimeout) {}
