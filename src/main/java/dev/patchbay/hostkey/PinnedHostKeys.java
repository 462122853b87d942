package dev.patchbay.hostkey;

import dev.patchbay.api.FieldProblem;
import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import dev.patchbay.inventory.ConnectionDefinition;
import dev.patchbay.inventory.DeviceRepository;
import dev.patchbay.inventory.Protocol;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The host key use cases behind the REST API: read, pin and forget the key pinned for a device's
 * connection definition, named as in the inventory. Methods block.
 */
@Service
class PinnedHostKeys {

  private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}=?");
  private static final Pattern KEY_TYPE = Pattern.compile("[A-Za-z0-9@._-]{1,100}");

  private final DeviceRepository devices;
  private final HostKeyStore store;
  private final TransactionTemplate readOnly;

  PinnedHostKeys(DeviceRepository devices, HostKeyStore store, PlatformTransactionManager tx) {
    this.devices = devices;
    this.store = store;
    this.readOnly = new TransactionTemplate(tx);
    this.readOnly.setReadOnly(true);
  }

  HostKeyResponse get(String device, String connection) {
    return store
        .pinned(definition(device, connection).id())
        .map(key -> HostKeyResponse.of(device, connection, key))
        .orElseThrow(() -> nonePinned(device, connection));
  }

  /** Pins the key an operator names, replacing any pinned one. */
  HostKeyResponse pin(String device, String connection, HostKeyRequest body, String actor) {
    if (body == null || body.fingerprint() == null) {
      throw invalid("fingerprint", "is required");
    }
    if (!FINGERPRINT.matcher(body.fingerprint()).matches()) {
      throw invalid("fingerprint", "must be an OpenSSH SHA-256 fingerprint: SHA256:<43 base64>");
    }
    if (body.keyType() != null && !KEY_TYPE.matcher(body.keyType()).matches()) {
      throw invalid("keyType", "must be an SSH key type such as ssh-ed25519");
    }
    Definition target = definition(device, connection);
    if (!target.ssh()) {
      throw PatchbayException.invalid(
          "connection " + device + "/" + connection + " is not ssh: it has no host key", List.of());
    }
    KnownHostKey key =
        store.replace(
            target.id(),
            device,
            connection,
            target.endpoint(),
            body.keyType(),
            body.fingerprint(),
            actor);
    return HostKeyResponse.of(device, connection, key);
  }

  /** Forgets the pinned key, so that the next connection pins the key it is shown (TOFU). */
  void forget(String device, String connection, String actor) {
    if (!store.forget(definition(device, connection).id(), device, connection, actor)) {
      throw nonePinned(device, connection);
    }
  }

  private Definition definition(String device, String connection) {
    return readOnly.execute(
        status -> {
          ConnectionDefinition found =
              devices
                  .findByName(device)
                  .orElseThrow(() -> PatchbayException.notFound("device", device))
                  .connection(connection)
                  .orElseThrow(
                      () -> PatchbayException.notFound("connection", device + "/" + connection));
          boolean ssh = found.supportedProtocol().filter(p -> p == Protocol.SSH).isPresent();
          int port = found.getPort() != null ? found.getPort() : 22;
          return new Definition(found.getId(), found.getHost() + ":" + port, ssh);
        });
  }

  private static PatchbayException nonePinned(String device, String connection) {
    return new PatchbayException(
        ProblemType.NOT_FOUND, "no host key is pinned for connection " + device + "/" + connection);
  }

  private static PatchbayException invalid(String field, String message) {
    return PatchbayException.invalid(
        "the request has invalid fields", List.of(new FieldProblem(field, message)));
  }

  private record Definition(long id, String endpoint, boolean ssh) {}
}
