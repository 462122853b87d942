package dev.patchbay.inventory.pyats;

import dev.patchbay.security.secrets.CredentialCipher;
import dev.patchbay.security.secrets.SealedSecrets;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The sealed values of {@link SecretMark}s: secrets of imported testbed files that have no secret
 * column (server passwords, secrets in {@code custom}, {@code %ENC{}} tokens kept unresolved).
 */
@Component
class TestbedFileSecrets implements SealedSecrets {

  private final EntityManager entities;

  TestbedFileSecrets(EntityManager entities) {
    this.entities = entities;
  }

  @Override
  public String name() {
    return "testbed-file-secrets";
  }

  @Override
  public ResealCount reseal(CredentialCipher cipher) {
    ResealCount count = new ResealCount(name(), 0, 0);
    for (TestbedFileLayout layout :
        entities
            .createQuery(
                "select l from TestbedFileLayout l order by l.testbedId", TestbedFileLayout.class)
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultList()) {
      List<SecretMark> marks = new ArrayList<>();
      boolean changed = false;
      for (SecretMark mark : layout.getSecretMarks()) {
        if (mark.sealed() == null) {
          marks.add(mark);
          continue;
        }
        String resealed = cipher.reseal(mark.sealed());
        count = count.plus(mark.sealed(), resealed);
        changed |= !resealed.equals(mark.sealed());
        marks.add(
            new SecretMark(mark.path(), mark.source(), mark.state(), resealed, mark.reference()));
      }
      if (changed) {
        layout.setSecretMarks(marks);
      }
    }
    return count;
  }
}
