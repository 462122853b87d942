package dev.patchbay.simulator.ssh;

import dev.patchbay.simulator.cli.CliSession;
import dev.patchbay.simulator.cli.DeviceProfile;
import dev.patchbay.simulator.cli.SessionIdentity;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.sshd.common.channel.PtyMode;
import org.apache.sshd.common.io.IoInputStream;
import org.apache.sshd.common.io.IoOutputStream;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.channel.ChannelDataReceiver;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.channel.ChannelSessionAware;
import org.apache.sshd.server.command.AsyncCommandStreamsAware;
import org.apache.sshd.server.command.Command;

/**
 * An SSH {@code shell} or {@code exec} channel served by a {@link CliSession}. Input arrives as
 * channel data callbacks and output leaves through the asynchronous stream, so a session costs no
 * thread.
 */
final class CliCommand
    implements Command, ChannelSessionAware, AsyncCommandStreamsAware, ChannelDataReceiver {

  private final DeviceProfile profile;
  private final SessionIdentity identity;
  private final ScheduledExecutorService scheduler;
  private final String execCommand;
  private IoOutputStream out;
  private ExitCallback exitCallback;
  private final ByteArrayOutputStream earlyInput = new ByteArrayOutputStream();
  private CliSession session;

  /** A shell when {@code execCommand} is {@code null}, otherwise that one command. */
  CliCommand(
      DeviceProfile profile,
      SessionIdentity identity,
      ScheduledExecutorService scheduler,
      String execCommand) {
    this.profile = profile;
    this.identity = identity;
    this.scheduler = scheduler;
    this.execCommand = execCommand;
  }

  @Override
  public void setChannelSession(ChannelSession channel) {
    channel.setDataReceiver(this);
  }

  @Override
  public void setIoOutputStream(IoOutputStream out) {
    this.out = out;
  }

  @Override
  public void setIoErrorStream(IoOutputStream err) {
    // the CLI writes everything to standard output, as network devices do
  }

  @Override
  public void setIoInputStream(IoInputStream in) {
    // input arrives through data(), this command is its own ChannelDataReceiver
  }

  @Override
  public void setInputStream(java.io.InputStream in) {
    // asynchronous streams are used instead
  }

  @Override
  public void setOutputStream(java.io.OutputStream stream) {
    // asynchronous streams are used instead
  }

  @Override
  public void setErrorStream(java.io.OutputStream stream) {
    // asynchronous streams are used instead
  }

  @Override
  public void setExitCallback(ExitCallback callback) {
    this.exitCallback = callback;
  }

  @Override
  public void start(ChannelSession channel, Environment env) {
    ChannelTransport transport = new ChannelTransport(out, channel.getSession());
    SessionIdentity user =
        new SessionIdentity(
            identity.hostname(),
            channel.getSession().getUsername(),
            identity.password(),
            identity.enableSecret());
    CliSession cli = new CliSession(profile, user, transport, scheduler);
    if (execCommand != null) {
      cli.runExec(
          execCommand,
          status -> transport.flushed().whenComplete((ok, error) -> exitCallback.onExit(status)));
    } else {
      startShell(cli, env);
    }
    byte[] typedAhead;
    synchronized (this) {
      session = cli;
      typedAhead = earlyInput.toByteArray();
    }
    cli.receive(typedAhead, 0, typedAhead.length);
  }

  private static void startShell(CliSession cli, Environment env) {
    Map<PtyMode, Integer> modes = env.getPtyModes();
    boolean pty = !modes.isEmpty();
    cli.setEcho(pty && modes.getOrDefault(PtyMode.ECHO, 1) != 0);
    String term = env.getEnv().get(Environment.ENV_TERM);
    if (term != null) {
      cli.setTerminalType(term);
    }
    resize(cli, env);
    env.addSignalListener((ch, signal) -> resize(cli, env), Signal.WINCH);
    cli.startShell(false);
  }

  private static void resize(CliSession cli, Environment env) {
    cli.resize(
        number(env.getEnv().get(Environment.ENV_COLUMNS)),
        number(env.getEnv().get(Environment.ENV_LINES)));
  }

  private static int number(String value) {
    try {
      return value == null ? 0 : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  @Override
  public int data(ChannelSession channel, byte[] buf, int start, int len) {
    CliSession target;
    synchronized (this) {
      if (session == null) {
        earlyInput.write(buf, start, len);
        return len;
      }
      target = session;
    }
    target.receive(buf, start, len);
    return len;
  }

  @Override
  public synchronized void destroy(ChannelSession channel) {
    if (session != null) {
      session.close();
    }
  }

  @Override
  public void close() {
    // nothing held: the channel owns the streams
  }
}
