package dev.patchbay.connection;

/**
 * How a connection definition trusts SSH host keys ({@code settings.host_key_policy}): {@code tofu}
 * (default) pins the first key for the definition and refuses a different one, {@code strict}
 * requires a key pinned beforehand (through the REST API), {@code insecure} accepts any key and
 * pins nothing.
 */
public enum HostKeyPolicy {
  TOFU,
  STRICT,
  INSECURE
}
