package dev.patchbay.cluster;

/**
 * A live instance as the membership table lists it.
 *
 * @param id its run's id
 * @param name its readable name
 * @param advertisedUrl the base URL the others reach it at
 */
public record ClusterMember(String id, String name, String advertisedUrl) {}
