package dev.patchbay.simulator;

import dev.patchbay.simulator.cli.DeviceProfile;
import java.util.Objects;

/**
 * A device to start in a {@link SimulatedLab}.
 *
 * @param name unique name within the lab
 * @param profile built-in profile name ({@code iosxe}, {@code nxos}, {@code linux}), used when
 *     {@code customProfile} is {@code null}
 * @param customProfile an already loaded profile (e.g. a unicon mock data file), or {@code null}
 * @param hostname hostname shown in prompts
 * @param port TCP port on 127.0.0.1, 0 for an ephemeral one
 */
public record DeviceSpec(
    String name,
    String profile,
    DeviceProfile customProfile,
    String hostname,
    Protocol protocol,
    int port,
    DeviceCredentials credentials) {

  public DeviceSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(credentials, "credentials");
    if (profile == null && customProfile == null) {
      throw new IllegalArgumentException("Device " + name + " needs a profile");
    }
    hostname = hostname == null ? name : hostname;
  }

  /**
   * A device named {@code name} using a built-in profile on an ephemeral port, logging in as
   * admin/admin with enable secret {@code cisco}.
   */
  public static DeviceSpec of(String name, String profile, Protocol protocol) {
    return new DeviceSpec(
        name,
        profile,
        null,
        name,
        protocol,
        0,
        DeviceCredentials.of("admin", "admin").withEnableSecret("cisco"));
  }

  /** This device with another profile, e.g. one loaded from a unicon file. */
  public DeviceSpec withProfile(DeviceProfile loaded) {
    return new DeviceSpec(name, loaded.name(), loaded, hostname, protocol, port, credentials);
  }

  public DeviceSpec withHostname(String newHostname) {
    return new DeviceSpec(name, profile, customProfile, newHostname, protocol, port, credentials);
  }

  public DeviceSpec withPort(int newPort) {
    return new DeviceSpec(name, profile, customProfile, hostname, protocol, newPort, credentials);
  }

  public DeviceSpec withCredentials(DeviceCredentials newCredentials) {
    return new DeviceSpec(name, profile, customProfile, hostname, protocol, port, newCredentials);
  }
}
