package dev.patchbay.lease;

import java.util.List;

/**
 * Published after a lease ended (released or expired) and the change is committed, so that
 * connections opened under it can be closed. {@code monotonicNanos} is {@link System#nanoTime()}
 * taken while the devices were locked: it orders the ends and grants of one device in this JVM.
 */
public record LeaseEnded(
    long leaseId, List<String> devices, LeaseEndReason reason, long monotonicNanos) {}
