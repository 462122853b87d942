package dev.patchbay.security.secrets;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-seals every stored secret ({@link SealedSecrets} beans) under the current master key in one
 * transaction: either all values move to the current key or none does (a value that no configured
 * key opens aborts the rotation). Afterwards rotated-out key files are deleted.
 */
@Service
public class MasterKeyRotation {

  private static final Logger log = LoggerFactory.getLogger(MasterKeyRotation.class);

  private final List<SealedSecrets> stores;
  private final CredentialCipher cipher;
  private final MasterKeySource keys;
  private final TransactionTemplate transaction;

  MasterKeyRotation(
      List<SealedSecrets> stores,
      CredentialCipher cipher,
      MasterKeySource keys,
      PlatformTransactionManager transactions) {
    this.stores = stores;
    this.cipher = cipher;
    this.keys = keys;
    this.transaction = new TransactionTemplate(transactions);
  }

  /** Re-seals everything; blocking. */
  public RotationReport rotate() {
    List<SealedSecrets.ResealCount> counts =
        transaction.execute(
            status -> {
              List<SealedSecrets.ResealCount> out = new ArrayList<>();
              stores.forEach(store -> out.add(store.reseal(cipher)));
              return out;
            });
    keys.rotationCompleted();
    RotationReport report = RotationReport.of(cipher.currentKeyId(), counts);
    log.info(
        "Master key rotation to key {}: {} secret(s) re-sealed, {} already current",
        report.keyId(),
        report.resealed(),
        report.unchanged());
    return report;
  }
}
