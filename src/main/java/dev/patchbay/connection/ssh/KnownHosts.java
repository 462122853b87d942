package dev.patchbay.connection.ssh;

import dev.patchbay.connection.ConnectionSettings;
import java.util.Optional;

/**
 * The host keys the SSH driver trusts, pinned per inventory connection definition. The driver owns
 * this contract and decides with it; storing and auditing keys is done above it (package {@code
 * hostkey}), so the driver reads no database. Methods may block.
 */
public interface KnownHosts {

  /** The SHA-256 fingerprint ({@code SHA256:…}) pinned for {@code definition}, if any. */
  Optional<String> pinnedFingerprint(ConnectionSettings.Definition definition);

  /** Pins the key accepted on first use, unless a concurrent connection pinned one first. */
  void pin(
      ConnectionSettings.Definition definition,
      String endpoint,
      String keyType,
      String fingerprint);

  /** Records that a connection to {@code device} was refused; {@code detail} names both keys. */
  void refused(String device, String detail);
}
