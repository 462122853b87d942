package dev.patchbay.cluster;

/**
 * A live instance as the membership table lists it.
 *
 * @param id its run's id
 * @param name its readable name
 * @param advertisedUrl the base URL the others reach it at
 */
public record ClusterMember(String id, String name, String advertisedUrl) {

  /**
   * Marks a request one instance sends another, naming the sender: it is served where it arrives,
   * never forwarded or fanned out again, so that no request can loop between instances.
   */
  public static final String FORWARDED_HEADER = "Patchbay-Forwarded";
}
