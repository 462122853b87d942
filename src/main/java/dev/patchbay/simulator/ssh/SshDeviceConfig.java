package dev.patchbay.simulator.ssh;

import dev.patchbay.simulator.cli.DeviceProfile;
import dev.patchbay.simulator.cli.SessionIdentity;
import java.nio.file.Path;
import java.security.PublicKey;

/**
 * What one simulated SSH device serves.
 *
 * @param authorizedKey public key accepted for the user, or {@code null} for password-only
 * @param hostKeyFile where the host key is kept (generated on first use)
 * @param port TCP port on 127.0.0.1, 0 for an ephemeral one
 */
public record SshDeviceConfig(
    DeviceProfile profile,
    SessionIdentity identity,
    PublicKey authorizedKey,
    Path hostKeyFile,
    int port) {}
