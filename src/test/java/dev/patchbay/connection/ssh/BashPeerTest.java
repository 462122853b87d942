package dev.patchbay.connection.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.cli.CliState;
import dev.patchbay.cli.ExecuteRequest;
import dev.patchbay.cli.ExecuteResult;
import dev.patchbay.cli.OsProfile;
import dev.patchbay.connection.ConnectionSettings;
import dev.patchbay.connection.ConnectionState;
import dev.patchbay.connection.DriverOptions;
import dev.patchbay.connection.HostKeyPolicy;
import dev.patchbay.connection.LoginCredentials;
import dev.patchbay.io.OperationTimeoutException;
import dev.patchbay.testpeer.NoKnownHosts;
import dev.patchbay.testpeer.OpenSshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real bash behind a real OpenSSH {@code sshd} as the device: a MOTD full of prompt-like lines
 * ({@code router>}, {@code admin@old-host:~$}, {@code #}, {@code $}, a {@code Last login:} line), a
 * long PS1 coloured with ANSI sequences and an xterm title, bracketed paste on. Login, prompt
 * learning and execute must see through all of it, and a hung command ({@code sleep}) is answered
 * within its timeout (+0.5 s, +0.5 s CI slack), interrupted with Ctrl-C and the session kept.
 */
@Timeout(60)
class BashPeerTest {

  private static final String HOST = "patchbay-bash-peer.lab.example.net";
  private static final String MOTD =
      """
      Linux lab 6.1.0-28-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1 x86_64

      The programs included with the Debian GNU/Linux system are free software;
      Last login: Sun Dec  6 13:00:00 2026 from 192.0.2.1
      router>
      admin@old-host:~$
      # root shell below: costs $5 > budget #
      """;

  private static OpenSshServer sshd;
  private final SshClientHolder clients = new SshClientHolder();

  @BeforeAll
  static void startSshd() throws Exception {
    sshd = new OpenSshServer();
    Path dir = sshd.directory();
    Files.writeString(dir.resolve("motd"), MOTD);
    Files.writeString(
        dir.resolve("bashrc"),
        "cat "
            + dir.resolve("motd")
            + "\n"
            + "bind 'set enable-bracketed-paste on' 2>/dev/null\n"
            + "PS1='\\[\\e]0;\\u@\\h: \\w\\a\\]\\[\\e[01;32m\\]\\u@"
            + HOST
            + "\\[\\e[00m\\]:\\[\\e[01;34m\\]\\w/with/a/long/path/in/the/prompt\\[\\e[00m\\]\\$ '\n");
    sshd.start(
        "a",
        List.of(
            "ForceCommand exec /bin/bash --noprofile --rcfile " + dir.resolve("bashrc") + " -i"));
  }

  @AfterAll
  static void stopSshd() throws Exception {
    sshd.close();
  }

  @AfterEach
  void stopClient() {
    clients.destroy();
  }

  private SshConnection connection() throws Exception {
    OsProfile linux = OsProfile.forOs("linux");
    ConnectionSettings settings =
        ConnectionSettings.network(
                "bash",
                "127.0.0.1",
                sshd.port(),
                new LoginCredentials("root", null, sshd.clientKey(), null),
                linux)
            .withTimeouts(
                new ConnectionSettings.Timeouts(
                    Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(10)))
            .withOptions(DriverOptions.DEFAULT.withHostKeyPolicy(HostKeyPolicy.INSECURE));
    return new SshConnection(settings, clients, new NoKnownHosts());
  }

  @Test
  void motdAndColouredLongPromptDoNotConfuseLoginOrExecute() throws Exception {
    try (SshConnection connection = connection()) {
      connection.open();
      ExecuteResult echo = connection.execute(ExecuteRequest.of("echo hello-patchbay"));
      assertThat(echo.output()).isEqualTo("hello-patchbay");
      assertThat(echo.state()).isEqualTo(CliState.SHELL);
      assertThat(echo.prompt()).startsWith("root@" + HOST + ":").endsWith("# ");
      assertThat(echo.prompt()).doesNotContain("\u001b");
      ExecuteResult printed =
          connection.execute(ExecuteRequest.of("printf 'a>\\nb#\\nc$\\nLast login: x\\n'"));
      assertThat(printed.output()).isEqualTo("a>\nb#\nc$\nLast login: x");
      assertThat(
              connection
                  .execute(ExecuteRequest.of("cat " + sshd.directory().resolve("motd")))
                  .output())
          .isEqualTo(MOTD.strip());
    }
  }

  @Test
  void hungCommandAnswersInTimeAndCtrlCKeepsTheShell() throws Exception {
    try (SshConnection connection = connection()) {
      connection.open();
      Duration timeout = Duration.ofSeconds(1);
      long started = System.nanoTime();
      assertThatThrownBy(
              () -> connection.execute(ExecuteRequest.of("sleep 30").withTimeout(timeout)))
          .isInstanceOf(OperationTimeoutException.class);
      long elapsed = (System.nanoTime() - started) / 1_000_000;
      System.out.printf("bash: 1 s timeout on 'sleep 30' answered after %d ms%n", elapsed);
      assertThat(elapsed).isBetween(1_000L, 2_000L);
      assertThat(connection.execute(ExecuteRequest.of("echo after")).output()).isEqualTo("after");
      assertThat(connection.state()).isEqualTo(ConnectionState.CONNECTED);
    }
  }
}
