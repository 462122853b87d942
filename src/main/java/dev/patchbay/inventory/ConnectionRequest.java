package dev.patchbay.inventory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** A connection definition as written by a client (create or full replace). */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(description = "How to reach a device: one connection definition")
public record ConnectionRequest(
    @Schema(example = "cli", pattern = Names.PATTERN, maxLength = 100) String name,
    @Schema(
            example = "ssh",
            description =
                "ssh, telnet or serial; a value stored by an import (e.g. 'https') is accepted"
                    + " unchanged")
        String protocol,
    @Schema(example = "127.0.0.1", description = "Required for ssh and telnet") String host,
    @Schema(example = "22", minimum = "1", maximum = "65535") Integer port,
    SerialSettings serial,
    @Schema(description = "Credentials overriding the device's and testbed's, by name")
        Map<String, CredentialRequest> credentials,
    @Schema(
            description =
                "Jump host: a device name, or a list of hops (names or {device, command})")
        Object proxy,
    @Schema(description = "Prompt patterns by state (exec, enable, config, login, …)")
        Map<String, Object> prompts,
    @Schema(description = "Commands run after login; null: the OS defaults, []: none")
        List<String> initExecCommands,
    @Schema(description = "Configuration applied after login; null: the OS defaults, []: none")
        List<String> initConfigCommands,
    Timeouts timeouts,
    @Schema(
            example = "-o KexAlgorithms=+diffie-hellman-group14-sha1",
            maxLength = 2000,
            description =
                "ssh_options in OpenSSH syntax (-oKey=Value), as in a pyATS testbed; or use ssh")
        String sshOptions,
    @Schema(
            description =
                "The same options typed; when given with a different sshOptions, sshOptions must"
                    + " be the stored text (as read) and this wins")
        SshSettings ssh,
    @Schema(example = "1", minimum = "1", maximum = "64") Integer poolSize,
    @Schema(description = "Arbitrary driver settings") Map<String, Object> settings) {}
