package dev.patchbay.manager;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code command:} connections ({@code patchbay.command-connections.*}): they run programs on this
 * host, so they are off unless enabled, and then only for the listed executables.
 *
 * @param enabled whether a {@code command:} connection may open at all
 * @param allowedExecutables the programs that may run: absolute paths or names looked up on {@code
 *     PATH}; a command's executable is compared by its resolved real path
 */
@ConfigurationProperties("patchbay.command-connections")
public record CommandConnectionProperties(
    @DefaultValue("false") boolean enabled, @DefaultValue List<String> allowedExecutables) {

  public CommandConnectionProperties {
    allowedExecutables = allowedExecutables == null ? List.of() : List.copyOf(allowedExecutables);
  }
}
