package dev.patchbay.security.secrets;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;

/**
 * A stored secret cannot be decrypted with the configured master keys. The message says why and
 * which key id is missing, never the value.
 */
public class SecretUnreadableException extends PatchbayException {

  public SecretUnreadableException(String reason) {
    super(ProblemType.SECRET_UNREADABLE, "a stored secret cannot be decrypted: " + reason);
  }
}
