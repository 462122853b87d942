package dev.patchbay.manager;

import dev.patchbay.io.Terminal;
import java.util.List;

/**
 * A session that has just opened, as {@link SessionLifecycle} listeners see it.
 *
 * @param device device name
 * @param alias session alias
 * @param openedBy {@code rest}, or {@code viewer:<token name>} when a web viewer opened it
 * @param pooled true for a pool, whose members a viewer cannot attach to
 * @param terminals the byte streams of its connections, one per pool member
 */
public record OpenedSession(
    String device, String alias, String openedBy, boolean pooled, List<Terminal> terminals) {}
