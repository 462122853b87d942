package dev.patchbay.simulator;

/**
 * A running simulated device and how to reach it.
 *
 * @param hostKeyFingerprint SHA-256 host key fingerprint for SSH devices, {@code null} for Telnet
 */
public record SimulatedDevice(
    String name,
    String profile,
    Protocol protocol,
    String host,
    int port,
    String hostname,
    DeviceCredentials credentials,
    String hostKeyFingerprint) {

  public String username() {
    return credentials.username();
  }

  public String password() {
    return credentials.password();
  }

  /** The enable secret, or {@code null} when none is configured. */
  public String enablePassword() {
    return credentials.enableSecret();
  }
}
