package dev.patchbay.terminal;

/**
 * Why a terminal's session ended, for its viewers' last status: the reason its close was audited
 * with and who closed it (null when Patchbay did).
 */
record SessionEnd(String reason, String closedBy) {}
