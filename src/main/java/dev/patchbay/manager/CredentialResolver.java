package dev.patchbay.manager;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import dev.patchbay.connection.LoginCredentials;
import dev.patchbay.inventory.ConnectionDefinition;
import dev.patchbay.inventory.Credential;
import dev.patchbay.inventory.Device;
import dev.patchbay.inventory.EnvironmentReferences;
import dev.patchbay.inventory.SecretSealer;
import dev.patchbay.inventory.SecretState;
import dev.patchbay.inventory.StoredSecret;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds named credentials the pyATS way: the connection's own, then the device's, then the
 * testbed's. Reveals secrets only when they hold a stored value.
 */
final class CredentialResolver {

  private final SecretSealer sealer;

  CredentialResolver(SecretSealer sealer) {
    this.sealer = sealer;
  }

  /** Login ({@code ssh} first for SSH, then {@code default}) and enable password. */
  LoginCredentials resolve(ConnectionDefinition definition, boolean ssh) {
    Optional<Credential> login =
        ssh
            ? find(definition, "ssh").or(() -> find(definition, "default"))
            : find(definition, "default");
    Optional<Credential> enable = find(definition, "enable");
    String enablePassword =
        enable
            .map(c -> reveal(c, c.getPassword(), "password"))
            .orElseGet(() -> login.map(c -> reveal(c, c.getPassword(), "password")).orElse(null));
    return new LoginCredentials(
        login.map(CredentialResolver::username).orElse(null),
        login.map(c -> reveal(c, c.getPassword(), "password")).orElse(null),
        login.map(c -> reveal(c, c.getPrivateKey(), "private key")).orElse(null),
        enablePassword);
  }

  /**
   * Whether the definition has an enable credential of its own (on it, its device or testbed), not
   * only the login password the enable password falls back to.
   */
  boolean hasEnableCredential(ConnectionDefinition definition) {
    return find(definition, "enable").isPresent();
  }

  private static Optional<Credential> find(ConnectionDefinition definition, String name) {
    Device device = definition.getDevice();
    List<Credential> testbed =
        device.getTestbed() == null ? List.of() : device.getTestbed().getCredentials();
    return Stream.of(definition.getCredentials(), device.getCredentials(), testbed)
        .flatMap(List::stream)
        .filter(c -> name.equals(c.getName()))
        .findFirst();
  }

  private static String username(Credential credential) {
    return EnvironmentReferences.resolve(
        credential.getUsername(), "the username of credential '" + credential.getName() + "'");
  }

  private String reveal(Credential credential, StoredSecret secret, String what) {
    if (secret == null) {
      return null;
    }
    if (secret.getState() == SecretState.ENV) {
      return EnvironmentReferences.read(
          secret.getPrompt(), "the " + what + " of credential '" + credential.getName() + "'");
    }
    if (secret.getState() != SecretState.STORED) {
      throw new PatchbayException(
          ProblemType.VALIDATION,
          "the "
              + what
              + " of credential '"
              + credential.getName()
              + "' is "
              + secret.getState()
              + " and has no usable value; store it first");
    }
    return sealer.reveal(secret);
  }
}
