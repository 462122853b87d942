package dev.patchbay.inventory;

/**
 * Consulted before a device is deleted, so that features holding live state for a device (such as
 * open sessions) can refuse the deletion or release that state first. Lets the inventory stay
 * independent of those features.
 */
public interface DeviceDeletionGuard {

  /**
   * Called before {@code device} is deleted.
   *
   * @param force when true, release whatever is held instead of refusing
   * @throws dev.patchbay.api.PatchbayException to refuse the deletion
   */
  void beforeDelete(String device, boolean force);
}
