package dev.patchbay.cluster;

import java.time.Instant;

/**
 * An instance that is gone, and whose leftovers (sessions' recordings and audit, jobs) the
 * survivors end.
 *
 * @param id its run's id; null for rows written before instances were stamped (a single instance,
 *     whose previous run this is)
 * @param name its readable name
 * @param lastSeen its last heartbeat, when its sessions ended at the latest
 * @param previousRun true when it was an earlier run of this very instance (same name and URL), so
 *     a restart rather than a loss
 */
public record LostInstance(String id, String name, Instant lastSeen, boolean previousRun) {}
