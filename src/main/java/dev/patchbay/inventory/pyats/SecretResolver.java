package dev.patchbay.inventory.pyats;

import dev.patchbay.inventory.SecretSealer;
import dev.patchbay.inventory.SecretState;
import dev.patchbay.inventory.StoredSecret;
import dev.patchbay.inventory.pyats.SecretMark.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Turns the secret strings of a file into sealed secrets: plain values and decrypted {@code %ENC{}}
 * tokens are sealed, {@code %ENV{NAME}} is sealed when the request gives NAME's value and otherwise
 * kept as a reference read from the service environment when a connection opens, {@code
 * %ASK{prompt}} waits for a value over REST, undecryptable {@code %ENC{}} tokens are kept sealed as
 * unresolved, and a mask ({@code *****}) keeps the secret already stored at the same path.
 */
@Component
class SecretResolver {

  /** The secrets of the stored testbed by path: credential columns and marks. */
  record Previous(Map<String, StoredSecret> credentials, Map<String, SecretMark> marks) {}

  /** Marks to persist and the paths to report, by outcome. */
  record Resolution(
      List<SecretMark> marks,
      List<String> unresolved,
      List<String> ask,
      List<String> missing,
      List<String> environment) {}

  private final SecretSealer sealer;
  private final Optional<FernetDecryptor> fernet;

  SecretResolver(SecretSealer sealer, TestbedFileProperties properties) {
    this.sealer = sealer;
    String key = properties.pyatsKey();
    this.fernet =
        key == null || key.isBlank() ? Optional.empty() : Optional.of(new FernetDecryptor(key));
  }

  /**
   * Resolves every pending secret; {@code environment} holds the values the request gave for {@code
   * %ENV{}} variables.
   */
  Resolution resolve(
      List<PendingSecret> pending,
      Previous previous,
      Map<String, String> environment,
      ImportReport report) {
    Resolution out =
        new Resolution(
            new ArrayList<>(),
            new ArrayList<>(),
            new ArrayList<>(),
            new ArrayList<>(),
            new ArrayList<>());
    for (PendingSecret secret : pending) {
      SecretMark mark = resolveOne(secret, previous, environment, report);
      if (mark == null) {
        continue;
      }
      deliver(secret, mark, out);
      String path = secret.path().toString();
      if (mark.state() == SecretState.UNRESOLVED) {
        out.unresolved().add(path);
      } else if (mark.state() == SecretState.ASK) {
        (mark.reference() == null ? out.missing() : out.ask()).add(path);
      } else if (mark.state() == SecretState.ENV) {
        out.environment().add(path);
      }
    }
    return out;
  }

  private SecretMark resolveOne(
      PendingSecret secret,
      Previous previous,
      Map<String, String> environment,
      ImportReport report) {
    List<Object> path = secret.path().segments();
    String written = secret.written();
    Optional<PyatsSecretString> marker = PyatsSecretString.parse(written);
    if (marker.isEmpty()) {
      if (written.equals(SecretSealer.MASK)) {
        return kept(secret, previous, report);
      }
      return new SecretMark(
          path, Source.PLAIN, SecretState.STORED, sealer.seal(written).getSealed(), null);
    }
    PyatsSecretString value = marker.get();
    return switch (value.kind()) {
      case ASK -> new SecretMark(path, Source.ASK, SecretState.ASK, null, value.body());
      case ENV -> environment(secret, value.body(), previous, environment, report);
      case ENC -> decrypted(secret, value, report);
    };
  }

  private SecretMark decrypted(PendingSecret secret, PyatsSecretString value, ImportReport report) {
    List<Object> path = secret.path().segments();
    if (fernet.isPresent()) {
      try {
        String plain = fernet.get().decrypt(value.body());
        return new SecretMark(
            path, Source.ENC, SecretState.STORED, sealer.seal(plain).getSealed(), null);
      } catch (FernetDecryptor.InvalidTokenException e) {
        report.warning(
            secret.path(),
            secret.line(),
            "%ENC{} value cannot be decrypted with the configured pyATS key ("
                + e.getMessage()
                + "); kept as an unresolved secret");
      }
    }
    return new SecretMark(
        path,
        Source.ENC,
        SecretState.UNRESOLVED,
        sealer.sealUnresolved(value.written()).getSealed(),
        null);
  }

  /**
   * {@code %ENV{name}}: the value the request gives is sealed; otherwise a value given by an
   * earlier import for the same reference at the same path stays, else the reference is kept and
   * read when a connection opens.
   */
  private SecretMark environment(
      PendingSecret secret,
      String name,
      Previous previous,
      Map<String, String> environment,
      ImportReport report) {
    List<Object> path = secret.path().segments();
    String given = environment.get(name);
    if (given != null) {
      return new SecretMark(
          path, Source.ENV, SecretState.STORED, sealer.seal(given).getSealed(), name);
    }
    SecretMark earlier = previous.marks().get(secret.path().toString());
    if (earlier != null
        && earlier.source() == Source.ENV
        && earlier.state() == SecretState.STORED
        && name.equals(earlier.reference())) {
      return earlier;
    }
    if (System.getenv(name) == null) {
      report.warning(
          secret.path(),
          secret.line(),
          "environment variable "
              + name
              + " is neither given with the file nor set in Patchbay's environment; the reference"
              + " is kept and a connection that needs it is refused until it is set");
    }
    return new SecretMark(path, Source.ENV, SecretState.ENV, null, name);
  }

  /** A mask: the secret stored at the same path stays; without one the secret is missing. */
  private SecretMark kept(PendingSecret secret, Previous previous, ImportReport report) {
    String key = secret.path().toString();
    List<Object> path = secret.path().segments();
    StoredSecret stored =
        secret.use() == PendingSecret.Use.CREDENTIAL ? previous.credentials().get(key) : null;
    if (stored != null) {
      return new SecretMark(
          path, Source.PLAIN, stored.getState(), stored.getSealed(), stored.getPrompt());
    }
    SecretMark mark = previous.marks().get(key);
    if (mark != null) {
      return mark;
    }
    report.warning(
        secret.path(),
        secret.line(),
        "masked secret has no stored value to keep; it must be supplied before connecting");
    return new SecretMark(path, Source.PLAIN, SecretState.ASK, null, null);
  }

  private void deliver(PendingSecret secret, SecretMark mark, Resolution out) {
    switch (secret.use()) {
      case CREDENTIAL -> {
        secret.credentialSink().accept(toStored(mark));
        if (mark.source() == Source.ENV) {
          out.marks().add(mark);
        }
      }
      case VALUE -> {
        secret.valueSink().accept(plainValue(mark));
        out.marks().add(mark);
      }
      case DATA -> out.marks().add(mark);
    }
  }

  /** What a plain column (host, username) holds: the value, a kept reference, or nothing. */
  private String plainValue(SecretMark mark) {
    return switch (mark.state()) {
      case STORED -> sealer.reveal(toStored(mark));
      case ENV -> mark.exported();
      case ASK, UNRESOLVED -> null;
    };
  }

  private static StoredSecret toStored(SecretMark mark) {
    return switch (mark.state()) {
      case STORED -> StoredSecret.stored(mark.sealed());
      case ASK -> StoredSecret.ask(mark.reference());
      case UNRESOLVED -> StoredSecret.unresolved(mark.sealed());
      case ENV -> StoredSecret.env(mark.reference());
    };
  }
}
