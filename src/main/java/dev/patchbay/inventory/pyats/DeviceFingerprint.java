package dev.patchbay.inventory.pyats;

import dev.patchbay.inventory.ConnectionDefinition;
import dev.patchbay.inventory.Credential;
import dev.patchbay.inventory.Device;
import dev.patchbay.inventory.SecretSealer;
import dev.patchbay.inventory.StoredSecret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * What a testbed file says about one device, as one comparable string: every field an import
 * writes, and for each secret its state and a SHA-256 of its value (sealed values differ on every
 * sealing, so they cannot be compared themselves). Two equal fingerprints mean the import changed
 * nothing of the device; Patchbay-only fields (prompts, serial line, login timeout) are left out,
 * as an import keeps them.
 */
final class DeviceFingerprint {

  private final SecretSealer sealer;

  DeviceFingerprint(SecretSealer sealer) {
    this.sealer = sealer;
  }

  /** The fingerprint of {@code device} with the secret marks stored under its path. */
  String of(Device device, List<SecretMark> marks) {
    List<Object> out = new ArrayList<>();
    out.add(
        List.of(
            device.getAliases(),
            Objects.toString(device.getOs()),
            Objects.toString(device.getPlatform()),
            Objects.toString(device.getType()),
            Objects.toString(device.getRole()),
            Objects.toString(device.getCustom()),
            Objects.toString(device.getConnectionDefaults()),
            Objects.toString(device.getExtra())));
    device.getCredentials().forEach(c -> out.add(credential(c)));
    for (ConnectionDefinition c : device.getConnections()) {
      out.add(
          Arrays.asList(
                  c.getName(),
                  c.getProtocol(),
                  c.getHost(),
                  c.getPort(),
                  c.getProxy(),
                  c.getInitExecCommands(),
                  c.getInitConfigCommands(),
                  c.getConnectTimeoutSeconds(),
                  c.getExecuteTimeoutSeconds(),
                  c.getSshOptions(),
                  c.getPoolSize(),
                  c.getCommand(),
                  c.getConnectionClass(),
                  c.getArguments(),
                  c.getSettings(),
                  c.getExtra())
              .toString());
      c.getCredentials().forEach(cr -> out.add(credential(cr)));
    }
    YamlPath path = YamlPath.root().child("devices").child(device.getName());
    marks.stream()
        .filter(m -> m.yamlPath().startsWith(path))
        .map(
            m ->
                List.of(
                    m.yamlPath().toString(),
                    m.source(),
                    m.state(),
                    Objects.toString(m.reference()),
                    digest(m.sealed())))
        .sorted(Comparator.comparing(Object::toString))
        .forEach(out::add);
    return out.toString();
  }

  private String credential(Credential c) {
    return List.of(
            c.getName(),
            Objects.toString(c.getUsername()),
            secret(c.getPassword()),
            secret(c.getPrivateKey()),
            c.getExtra())
        .toString();
  }

  private String secret(StoredSecret s) {
    if (s == null || s.getState() == null) {
      return "none";
    }
    return s.getState() + ":" + Objects.toString(s.getPrompt()) + ":" + digest(s.getSealed());
  }

  /** A hash of the plaintext behind a sealed value; one no configured key opens stays itself. */
  private String digest(String sealed) {
    if (sealed == null) {
      return "-";
    }
    String plain;
    try {
      plain = sealer.reveal(StoredSecret.stored(sealed));
    } catch (RuntimeException unreadable) {
      return "unreadable:" + sealed;
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(plain.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
