package dev.patchbay.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this instance takes part in a cluster of instances sharing one database ({@code
 * patchbay.cluster.*}).
 *
 * @param name a readable name for this instance (a pod name); empty: the host name
 * @param advertisedUrl the base URL other instances reach this one at; empty: derived from the host
 *     name and server port at start-up
 * @param heartbeatInterval how often this instance stamps its heartbeat
 * @param deadAfter an instance whose heartbeat is older than this is dead
 */
@ConfigurationProperties("patchbay.cluster")
public record ClusterProperties(
    @DefaultValue("") String name,
    @DefaultValue("") String advertisedUrl,
    @DefaultValue("2s") Duration heartbeatInterval,
    @DefaultValue("10s") Duration deadAfter) {}
