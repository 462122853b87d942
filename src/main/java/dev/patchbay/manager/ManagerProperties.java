package dev.patchbay.manager;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits and timings of live sessions ({@code patchbay.manager.*}).
 *
 * @param maxPerDevice connections one device may have open at once (a pool counts its members)
 * @param maxTotal connections this instance may have open at once
 * @param poolTimeout how long a call waits for a free pool member when the session names none
 * @param shutdownTimeout how long shutdown waits for running executes before closing connections
 * @param healthInterval how often sessions are checked for dropped connections
 * @param reconnectAttempts reconnect attempts after a drop (for definitions with {@code
 *     settings.reconnect: true})
 * @param reconnectBackoff delay before the first reconnect attempt, doubled after each failure
 */
@ConfigurationProperties("patchbay.manager")
public record ManagerProperties(
    @DefaultValue("8") int maxPerDevice,
    @DefaultValue("256") int maxTotal,
    @DefaultValue("60s") Duration poolTimeout,
    @DefaultValue("15s") Duration shutdownTimeout,
    @DefaultValue("1s") Duration healthInterval,
    @DefaultValue("3") int reconnectAttempts,
    @DefaultValue("1s") Duration reconnectBackoff) {}
