package dev.patchbay.security;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import dev.patchbay.inventory.ConnectionDefinition;
import dev.patchbay.inventory.DeviceRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The host key use cases behind the REST API: read and forget the key pinned for a device's
 * connection definition, named as in the inventory. Methods block.
 */
@Service
class PinnedHostKeys {

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
        .pinned(definitionId(device, connection))
        .map(key -> HostKeyResponse.of(device, connection, key))
        .orElseThrow(() -> nonePinned(device, connection));
  }

  /** Forgets the pinned key, so that the next connection pins the key it is shown (TOFU). */
  void forget(String device, String connection, String actor) {
    if (!store.forget(definitionId(device, connection), device, connection, actor)) {
      throw nonePinned(device, connection);
    }
  }

  private long definitionId(String device, String connection) {
    return readOnly.execute(
        status ->
            devices
                .findByName(device)
                .orElseThrow(() -> PatchbayException.notFound("device", device))
                .connection(connection)
                .map(ConnectionDefinition::getId)
                .orElseThrow(
                    () -> PatchbayException.notFound("connection", device + "/" + connection)));
  }

  private static PatchbayException nonePinned(String device, String connection) {
    return new PatchbayException(
        ProblemType.NOT_FOUND, "no host key is pinned for connection " + device + "/" + connection);
  }
}
