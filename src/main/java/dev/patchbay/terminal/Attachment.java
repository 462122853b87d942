package dev.patchbay.terminal;

/** A viewer attached to a hub. */
record Attachment(TerminalHub hub, Viewer viewer) {}
