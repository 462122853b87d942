package dev.patchbay.inventory.pyats;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of testbed file import ({@code patchbay.testbed.*}). {@code pyatsKey} is the pyATS
 * Fernet key ({@code [secrets] string.key} of pyats.conf) used to decrypt {@code %ENC{}} strings;
 * empty keeps them sealed and unresolved.
 */
@ConfigurationProperties("patchbay.testbed")
public record TestbedFileProperties(String pyatsKey) {}
