package dev.patchbay.testpeer;

import dev.patchbay.connection.ConnectionSettings;
import dev.patchbay.connection.ssh.KnownHosts;
import java.util.Optional;

/** Pins nothing and reports nothing: for driver tests whose host-key policy is insecure. */
public final class NoKnownHosts implements KnownHosts {

  @Override
  public Optional<String> pinnedFingerprint(ConnectionSettings.Definition definition) {
    return Optional.empty();
  }

  @Override
  public void pin(
      ConnectionSettings.Definition definition,
      String endpoint,
      String keyType,
      String fingerprint) {}

  @Override
  public void refused(String device, String detail) {}
}
