package dev.patchbay.simulator.cli;

/**
 * A password prompt guarding a command (IOS {@code enable}, Linux {@code sudo}).
 *
 * @param useEnableSecret check against the enable secret; otherwise against the login password
 * @param prompt printed before reading the password (never echoed)
 * @param failure printed after a wrong password
 * @param attempts how many wrong passwords before giving up
 * @param giveUp printed when all attempts failed
 */
public record PasswordCheck(
    boolean useEnableSecret, String prompt, String failure, int attempts, String giveUp) {}
