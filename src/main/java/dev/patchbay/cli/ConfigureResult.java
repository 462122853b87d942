package dev.patchbay.cli;

/** The device output of a whole configuration session and how long it took. */
public record ConfigureResult(int lines, String output, long elapsedMs) {}
