package dev.patchbay.connection.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.cli.CliState;
import dev.patchbay.cli.ExecuteRequest;
import dev.patchbay.cli.OsProfile;
import dev.patchbay.connection.ConnectionSettings;
import dev.patchbay.connection.ConnectionState;
import dev.patchbay.connection.LoginCredentials;
import dev.patchbay.io.ConnectionException;
import dev.patchbay.io.DeviceUnreachableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command driver on real programs under a pseudo-terminal: an interactive bash, a small
 * mock-device script with a login and an IOS-like prompt, a program that exits, and one that does
 * not exist.
 */
@Timeout(30)
class CommandConnectionTest {

  @TempDir Path dir;

  private static ConnectionSettings settings(String os, LoginCredentials credentials) {
    return ConnectionSettings.network("local/cli", null, 0, credentials, OsProfile.forOs(os))
        .withTimeouts(
            new ConnectionSettings.Timeouts(
                Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofSeconds(10)));
  }

  @Test
  void bashUnderAPtyExecutesAndResizes() {
    try (CommandConnection bash =
        new CommandConnection(
            settings("linux", new LoginCredentials(null, null, null, null)),
            List.of("/bin/bash", "--norc", "--noprofile"))) {
      bash.open();
      assertThat(bash.execute(ExecuteRequest.of("echo pty-$((40+2))")).output())
          .isEqualTo("pty-42");
      assertThat(bash.execute(ExecuteRequest.of("echo $TERM")).output()).isEqualTo("xterm");
      bash.terminal().resize(99, 33);
      assertThat(bash.execute(ExecuteRequest.of("stty size")).output()).isEqualTo("33 99");
    }
  }

  @Test
  void aMockDeviceScriptLogsInAndAnswers() throws Exception {
    Path mock = dir.resolve("mock_device");
    Files.writeString(
        mock,
        """
        #!/bin/bash
        printf 'User Access Verification\\r\\n\\r\\nUsername: '
        read -r user
        printf 'Password: '
        read -rs pass
        printf '\\r\\n'
        [ "$user" = admin ] && [ "$pass" = secret ] || { echo '% Login invalid'; exit 1; }
        while true; do
          printf 'mock#'
          read -r line || exit 0
          case "$line" in
            'show version') printf 'Cisco IOS XE Software, Version 17.9.1\\r\\n' ;;
            'terminal length 0'|'terminal width 0'|'') ;;
            *) printf '%% Invalid input detected\\r\\n' ;;
          esac
        done
        """);
    Files.setPosixFilePermissions(mock, PosixFilePermissions.fromString("rwx------"));
    try (CommandConnection device =
        new CommandConnection(
            settings("iosxe", new LoginCredentials("admin", "secret", null, null)),
            List.of(mock.toString()))) {
      device.open();
      var version = device.execute(ExecuteRequest.of("show version"));
      assertThat(version.output()).startsWith("Cisco IOS XE Software");
      assertThat(version.state()).isEqualTo(CliState.ENABLE);
    }
  }

  @Test
  void aProgramThatExitsEndsTheConnection() {
    CommandConnection gone =
        new CommandConnection(
            settings("linux", new LoginCredentials(null, null, null, null)), List.of("/bin/true"));
    assertThatThrownBy(gone::open).isInstanceOf(ConnectionException.class);
    assertThat(gone.state()).isEqualTo(ConnectionState.FAILED);
  }

  @Test
  void aMissingProgramIsUnreachable() {
    CommandConnection missing =
        new CommandConnection(
            settings("linux", new LoginCredentials(null, null, null, null)),
            List.of(dir.resolve("no-such-program").toString()));
    assertThatThrownBy(missing::open).isInstanceOf(DeviceUnreachableException.class);
  }
}
