package dev.patchbay.inventory;

import dev.patchbay.api.FieldProblem;
import dev.patchbay.api.PatchbayException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Applies credential requests to stored credentials: plaintext secrets are sealed, {@value
 * SecretSealer#MASK} keeps the stored secret, {@code %ASK{prompt}} marks it to be asked for.
 */
@Component
class CredentialWriter {

  private static final Pattern ASK = Pattern.compile("%ASK\\{(.*)}", Pattern.DOTALL);

  private final SecretSealer sealer;

  CredentialWriter(SecretSealer sealer) {
    this.sealer = sealer;
  }

  /** Makes {@code target} hold exactly the {@code requested} credentials, in request order. */
  void replace(List<Credential> target, Map<String, CredentialRequest> requested, String path) {
    List<Credential> result = new ArrayList<>();
    requested.forEach(
        (name, request) -> {
          Credential credential = find(target, name);
          if (credential == null) {
            credential = new Credential(name);
          }
          String at = path + "." + name;
          credential.setUsername(request.username());
          credential.setPassword(
              secret(request.password(), credential.getPassword(), at + ".password"));
          credential.setPrivateKey(
              secret(request.privateKey(), credential.getPrivateKey(), at + ".privateKey"));
          result.add(credential);
        });
    target.clear();
    target.addAll(result);
  }

  /**
   * Supplies the secrets of one credential (creating it when missing); null fields and {@value
   * SecretSealer#MASK} leave the stored values as they are.
   */
  void supply(List<Credential> target, String name, CredentialRequest request) {
    boolean password = given(request.password());
    boolean privateKey = given(request.privateKey());
    if (!password && !privateKey) {
      throw PatchbayException.invalid(
          "nothing to supply",
          List.of(new FieldProblem("password", "a password or a privateKey is required")));
    }
    Credential credential = find(target, name);
    if (credential == null) {
      credential = new Credential(name);
      target.add(credential);
    }
    if (request.username() != null) {
      credential.setUsername(request.username());
    }
    if (password) {
      credential.setPassword(secret(request.password(), null, "password"));
    }
    if (privateKey) {
      credential.setPrivateKey(secret(request.privateKey(), null, "privateKey"));
    }
  }

  private static boolean given(String value) {
    return value != null && !value.equals(SecretSealer.MASK);
  }

  private StoredSecret secret(String value, StoredSecret current, String path) {
    if (value == null) {
      return null;
    }
    if (value.equals(SecretSealer.MASK)) {
      if (current == null || current.getState() == null) {
        throw PatchbayException.invalid(
            "a masked secret can only keep a stored one",
            List.of(new FieldProblem(path, "'*****' keeps a stored secret, but none is stored")));
      }
      return current;
    }
    Matcher ask = ASK.matcher(value);
    if (ask.matches()) {
      return StoredSecret.ask(ask.group(1).isBlank() ? null : ask.group(1));
    }
    return sealer.seal(value);
  }

  private static Credential find(List<Credential> credentials, String name) {
    return credentials.stream().filter(c -> c.getName().equals(name)).findFirst().orElse(null);
  }
}
