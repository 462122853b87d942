package dev.patchbay.simulator.cli;

/**
 * Who a CLI session runs as: the device hostname and the secrets the CLI itself checks (login
 * prompts, {@code enable}, {@code sudo}).
 *
 * @param enableSecret the privileged-mode password, or {@code null} when none is configured
 */
public record SessionIdentity(
    String hostname, String username, String password, String enableSecret) {}
