package dev.patchbay.connection.ssh;

import dev.patchbay.connection.HostKeyPolicy;
import java.security.PublicKey;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;

/**
 * The host key decision for one connection attempt, made inside MINA's key exchange without
 * blocking: the pinned fingerprint is loaded before connecting and the presented key is kept so the
 * driver can pin it (after authentication) or report the mismatch.
 */
final class HostKeyCheck {

  static final AttributeKey<HostKeyCheck> KEY = new AttributeKey<>();

  private final HostKeyPolicy policy;
  private final String pinnedFingerprint;
  private volatile String presentedFingerprint;
  private volatile String presentedType;
  private volatile boolean refused;

  HostKeyCheck(HostKeyPolicy policy, String pinnedFingerprint) {
    this.policy = policy;
    this.pinnedFingerprint = pinnedFingerprint;
  }

  boolean verify(PublicKey key) {
    presentedFingerprint = KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    presentedType = KeyUtils.getKeyType(key);
    boolean accepted =
        switch (policy) {
          case INSECURE -> true;
          case STRICT -> presentedFingerprint.equals(pinnedFingerprint);
          case TOFU -> pinnedFingerprint == null || presentedFingerprint.equals(pinnedFingerprint);
        };
    refused = !accepted;
    return accepted;
  }

  boolean refused() {
    return refused;
  }

  /** True when the accepted key should be pinned now. */
  boolean shouldPin() {
    return policy == HostKeyPolicy.TOFU
        && pinnedFingerprint == null
        && presentedFingerprint != null;
  }

  String pinnedFingerprint() {
    return pinnedFingerprint;
  }

  String presentedFingerprint() {
    return presentedFingerprint;
  }

  String presentedType() {
    return presentedType;
  }
}
