package dev.patchbay.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * Who this running instance is. The id is new on every start, so a restarted instance is never
 * mistaken for its previous run (whose sessions died with it); the name stays readable.
 *
 * @param id unique per run
 * @param name readable (pod or host name)
 */
public record InstanceIdentity(String id, String name) {

  /** A fresh identity named by the configured name or else the host name. */
  public static InstanceIdentity start(ClusterProperties properties) {
    String name = properties.name().isBlank() ? hostName() : properties.name();
    return new InstanceIdentity(UUID.randomUUID().toString(), name);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
