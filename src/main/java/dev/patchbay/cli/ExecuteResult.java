package dev.patchbay.cli;

/**
 * What a command printed (echo, pager artefacts and the trailing prompt removed), the prompt that
 * ended it, the CLI state it left, how long it took and how many output bytes were skipped because
 * the engine fell behind the device (normally 0).
 */
public record ExecuteResult(
    String command,
    String output,
    String prompt,
    CliState state,
    long elapsedMs,
    long skippedBytes) {}
