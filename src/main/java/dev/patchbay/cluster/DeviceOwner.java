package dev.patchbay.cluster;

/**
 * Where a device's live sessions are, as the ownership table says at one moment.
 *
 * @param self this instance owns the device
 * @param elsewhere the live instance that owns it, null when none does
 * @param lostInstance the instance that died holding the device's sessions (not yet claimed anew),
 *     null when none did
 */
public record DeviceOwner(boolean self, ClusterMember elsewhere, String lostInstance) {

  static final DeviceOwner NONE = new DeviceOwner(false, null, null);
}
