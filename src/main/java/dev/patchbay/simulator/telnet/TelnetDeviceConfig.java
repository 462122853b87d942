package dev.patchbay.simulator.telnet;

import dev.patchbay.simulator.cli.DeviceProfile;
import dev.patchbay.simulator.cli.SessionIdentity;

/**
 * What one simulated Telnet device serves.
 *
 * @param port TCP port on 127.0.0.1, 0 for an ephemeral one
 */
public record TelnetDeviceConfig(DeviceProfile profile, SessionIdentity identity, int port) {}
