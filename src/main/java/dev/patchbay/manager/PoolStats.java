package dev.patchbay.manager;

import io.swagger.v3.oas.annotations.media.Schema;

/** Members of a connection pool by what they do now, and callers waiting for one. */
@Schema(description = "Pool members: busy running a call, idle, and callers waiting for a member")
public record PoolStats(int size, int busy, int idle, int waiting) {}
