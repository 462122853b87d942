package dev.patchbay.cluster;

/**
 * Told when an instance is gone, so that each feature ends what the instance left behind. Every
 * Spring bean implementing it is told, once per lost instance, by the one survivor that declared it
 * dead, on the membership's own thread (blocking is fine).
 */
public interface InstanceLoss {

  /** Another instance (or this one's previous run) is gone: end what it left open. */
  default void instanceLost(LostInstance lost) {}

  /**
   * The others declared this instance dead (its heartbeat could not be written for too long):
   * whatever it still holds is no longer its own and must end here too.
   */
  default void evicted() {}
}
