package dev.patchbay.connection;

/**
 * Plaintext credentials resolved for one connection: the login (username, password, OpenSSH private
 * key) and the enable password. Held only in memory by a live connection; {@link #toString()} never
 * shows secrets.
 */
public record LoginCredentials(
    String username, String password, String privateKey, String enablePassword) {

  @Override
  public String toString() {
    return "LoginCredentials[username=" + username + "]";
  }
}
