package dev.patchbay.inventory;

import dev.patchbay.security.secrets.CredentialCipher;
import dev.patchbay.security.secrets.SealedSecrets;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * The sealed columns of every {@link Credential} (testbed, device and connection level): password
 * and private key.
 */
@Component
class CredentialSecrets implements SealedSecrets {

  private final EntityManager entities;

  CredentialSecrets(EntityManager entities) {
    this.entities = entities;
  }

  @Override
  public String name() {
    return "credentials";
  }

  @Override
  public ResealCount reseal(CredentialCipher cipher) {
    ResealCount count = new ResealCount(name(), 0, 0);
    for (Credential credential :
        entities
            .createQuery("select c from Credential c order by c.id", Credential.class)
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultList()) {
      count = reseal(credential.getPassword(), credential::setPassword, cipher, count);
      count = reseal(credential.getPrivateKey(), credential::setPrivateKey, cipher, count);
    }
    return count;
  }

  private static ResealCount reseal(
      StoredSecret secret,
      Consumer<StoredSecret> update,
      CredentialCipher cipher,
      ResealCount count) {
    if (secret == null || secret.getSealed() == null) {
      return count;
    }
    StoredSecret resealed = secret.resealed(cipher::reseal);
    if (!resealed.getSealed().equals(secret.getSealed())) {
      update.accept(resealed);
    }
    return count.plus(secret.getSealed(), resealed.getSealed());
  }
}
