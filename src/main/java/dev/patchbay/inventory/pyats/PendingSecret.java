package dev.patchbay.inventory.pyats;

import dev.patchbay.inventory.StoredSecret;
import java.util.function.Consumer;

/**
 * A secret string read from the file, waiting to be resolved once the stored testbed is known (a
 * mask {@code *****} means "keep what is stored"). {@code use} says where the result goes.
 */
record PendingSecret(
    YamlPath path,
    int line,
    String written,
    Use use,
    Consumer<StoredSecret> credentialSink,
    Consumer<String> valueSink) {

  /** Where a resolved secret is kept. */
  enum Use {
    /** A credential's password or private key: a {@link StoredSecret} column. */
    CREDENTIAL,
    /** A typed plain column (host, username): receives the plaintext when it is known. */
    VALUE,
    /** Free-form data (servers, custom, extra): the data keeps the mask, a mark keeps the value. */
    DATA
  }

  static PendingSecret credential(
      YamlPath path, int line, String written, Consumer<StoredSecret> sink) {
    return new PendingSecret(path, line, written, Use.CREDENTIAL, sink, null);
  }

  static PendingSecret value(YamlPath path, int line, String written, Consumer<String> sink) {
    return new PendingSecret(path, line, written, Use.VALUE, null, sink);
  }

  static PendingSecret data(YamlPath path, int line, String written) {
    return new PendingSecret(path, line, written, Use.DATA, null, null);
  }
}
