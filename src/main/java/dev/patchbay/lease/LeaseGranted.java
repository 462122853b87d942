package dev.patchbay.lease;

import java.util.List;

/**
 * Published after a lease was granted and committed. {@code monotonicNanos} is {@link
 * System#nanoTime()} taken while the devices were locked (see {@link LeaseEnded}).
 */
public record LeaseGranted(
    long leaseId, String holder, List<String> devices, long fencingToken, long monotonicNanos) {}
