package dev.patchbay.manager;

/**
 * The connection definition a session opens, as read from the inventory.
 *
 * @param device device name
 * @param via connection definition name
 * @param protocol driver protocol ({@code ssh}, {@code telnet}, {@code serial})
 * @param consoleLine true for a line that admits one session only: serial, {@code
 *     settings.exclusive: true}, or a pyATS console line {@code a}/{@code b}
 * @param reconnect {@code settings.reconnect: true}: reopen after the device drops the connection
 * @param poolSize the definition's {@code pool_size}, or 0
 * @param os the device's {@code os} (chooses parse templates), or null
 * @param platform the device's {@code platform}, or null
 * @param testbed the device's testbed when the session opened, or null
 */
record SessionTarget(
    String device,
    String via,
    String protocol,
    boolean consoleLine,
    boolean reconnect,
    int poolSize,
    String os,
    String platform,
    String testbed) {}
