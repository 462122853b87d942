package dev.patchbay.simulator;

import java.security.PublicKey;
import java.util.Objects;

/**
 * Who may log in to a simulated device.
 *
 * @param enableSecret privileged-mode password, or {@code null} for none
 * @param authorizedKey public key accepted over SSH, or {@code null}
 */
public record DeviceCredentials(
    String username, String password, String enableSecret, PublicKey authorizedKey) {

  public DeviceCredentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
  }

  /** Username and password only. */
  public static DeviceCredentials of(String username, String password) {
    return new DeviceCredentials(username, password, null, null);
  }

  /** These credentials with an enable secret. */
  public DeviceCredentials withEnableSecret(String secret) {
    return new DeviceCredentials(username, password, secret, authorizedKey);
  }

  /** These credentials with an authorized SSH public key. */
  public DeviceCredentials withAuthorizedKey(PublicKey key) {
    return new DeviceCredentials(username, password, enableSecret, key);
  }
}
