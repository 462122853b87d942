package dev.patchbay.simulator.support;

import dev.patchbay.simulator.SimulatedDevice;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;

/** A real Apache MINA SSHD client for tests against simulated devices. */
public final class SshTestClient implements AutoCloseable {

  public static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final SshClient client;

  public SshTestClient() {
    client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier((session, address, key) -> true);
    client.start();
  }

  public SshClient client() {
    return client;
  }

  /** Connects without authenticating. */
  public ClientSession connect(SimulatedDevice device) throws IOException {
    return client
        .connect(device.username(), device.host(), device.port())
        .verify(TIMEOUT)
        .getClientSession();
  }

  /** Connects and logs in with the device's password. */
  public ClientSession login(SimulatedDevice device) throws IOException {
    ClientSession session = connect(device);
    session.addPasswordIdentity(device.password());
    session.auth().verify(TIMEOUT);
    return session;
  }

  /** Runs one command on an exec channel. */
  public static ExecResult exec(ClientSession session, String command) throws IOException {
    try (ChannelExec channel = session.createExecChannel(command)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      channel.setOut(out);
      channel.setErr(out);
      channel.open().verify(TIMEOUT);
      channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT);
      return new ExecResult(out.toString(StandardCharsets.UTF_8), channel.getExitStatus());
    }
  }

  @Override
  public void close() {
    client.stop();
  }

  /** Output and exit status ({@code null} when none was sent) of an exec channel. */
  public record ExecResult(String output, Integer exitStatus) {}
}
