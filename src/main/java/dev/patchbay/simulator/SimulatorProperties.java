package dev.patchbay.simulator;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the demo lab started when {@code patchbay.simulator.enabled=true}. Ports 0 are
 * ephemeral; the host-key directory defaults to the temporary directory.
 */
@ConfigurationProperties("patchbay.simulator")
public record SimulatorProperties(
    @DefaultValue("false") boolean enabled,
    @DefaultValue("admin") String username,
    @DefaultValue("admin") String password,
    @DefaultValue("cisco") String enableSecret,
    @DefaultValue("0") int routerPort,
    @DefaultValue("0") int switchPort,
    @DefaultValue("0") int hostPort,
    String hostKeyDirectory) {}
