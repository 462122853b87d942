package dev.patchbay.simulator.telnet;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Telnet protocol handling for the server side (RFC 854/855): splits the byte stream into data and
 * commands, negotiates options (we offer ECHO, SGA, BINARY; ask for NAWS, TTYPE, BINARY; refuse
 * everything else), parses NAWS and TTYPE subnegotiations and escapes IAC in output.
 */
final class TelnetCodec {

  static final int IAC = 255;
  static final int DONT = 254;
  static final int DO = 253;
  static final int WONT = 252;
  static final int WILL = 251;
  static final int SB = 250;
  static final int AYT = 246;
  static final int IP = 244;
  static final int SE = 240;

  static final int BINARY = 0;
  static final int ECHO = 1;
  static final int SGA = 3;
  static final int TTYPE = 24;
  static final int NAWS = 31;

  private static final int TTYPE_IS = 0;
  private static final int TTYPE_SEND = 1;
  private static final Set<Integer> LOCAL_OPTIONS = Set.of(ECHO, SGA, BINARY);
  private static final Set<Integer> REMOTE_OPTIONS = Set.of(NAWS, TTYPE, BINARY, SGA);

  /** What the decoded stream means to the session. */
  interface Listener {
    void data(byte[] bytes, int offset, int length);

    void send(byte[] protocolBytes);

    void echoChanged(boolean serverEchoes);

    void windowSize(int columns, int rows);

    void terminalType(String type);

    void interrupt();
  }

  private enum Phase {
    DATA,
    COMMAND,
    OPTION,
    SUBNEGOTIATION,
    SUBNEGOTIATION_IAC
  }

  private final Listener listener;
  private final Set<Integer> localEnabled = new HashSet<>();
  private final Set<Integer> localRequested = new HashSet<>(LOCAL_OPTIONS);
  private final Set<Integer> remoteEnabled = new HashSet<>();
  private final Set<Integer> remoteRequested = new HashSet<>(Set.of(NAWS, TTYPE, BINARY));
  private final ByteArrayOutputStream subnegotiation = new ByteArrayOutputStream();
  private Phase phase = Phase.DATA;
  private int verb;

  TelnetCodec(Listener listener) {
    this.listener = listener;
  }

  /** The server's opening offers. */
  static byte[] openingNegotiation() {
    return bytes(
        IAC, WILL, ECHO, IAC, WILL, SGA, IAC, DO, NAWS, IAC, DO, TTYPE, IAC, WILL, BINARY, IAC, DO,
        BINARY);
  }

  /** {@code data} with every IAC doubled. */
  static byte[] escape(byte[] data) {
    int iacs = 0;
    for (byte b : data) {
      if ((b & 0xff) == IAC) {
        iacs++;
      }
    }
    if (iacs == 0) {
      return data;
    }
    byte[] escaped = new byte[data.length + iacs];
    int j = 0;
    for (byte b : data) {
      escaped[j++] = b;
      if ((b & 0xff) == IAC) {
        escaped[j++] = b;
      }
    }
    return escaped;
  }

  void decode(byte[] input, int length) {
    int dataStart = -1;
    for (int i = 0; i < length; i++) {
      int b = input[i] & 0xff;
      if (phase == Phase.DATA) {
        if (b != IAC) {
          dataStart = dataStart < 0 ? i : dataStart;
          continue;
        }
        flushData(input, dataStart, i);
        dataStart = -1;
        phase = Phase.COMMAND;
        continue;
      }
      consumeProtocol(b, input, i);
    }
    flushData(input, dataStart, length);
  }

  private void flushData(byte[] input, int start, int end) {
    if (start >= 0 && end > start) {
      listener.data(input, start, end - start);
    }
  }

  private void consumeProtocol(int b, byte[] input, int index) {
    switch (phase) {
      case COMMAND -> command(b, input, index);
      case OPTION -> {
        phase = Phase.DATA;
        negotiate(verb, b);
      }
      case SUBNEGOTIATION -> {
        if (b == IAC) {
          phase = Phase.SUBNEGOTIATION_IAC;
        } else {
          subnegotiation.write(b);
        }
      }
      case SUBNEGOTIATION_IAC -> {
        if (b == SE) {
          phase = Phase.DATA;
          subnegotiationDone(subnegotiation.toByteArray());
          subnegotiation.reset();
        } else {
          subnegotiation.write(b);
          phase = Phase.SUBNEGOTIATION;
        }
      }
      default -> throw new IllegalStateException("unexpected phase " + phase);
    }
  }

  private void command(int b, byte[] input, int index) {
    phase = Phase.DATA;
    switch (b) {
      case IAC -> listener.data(input, index, 1);
      case WILL, WONT, DO, DONT -> {
        verb = b;
        phase = Phase.OPTION;
      }
      case SB -> phase = Phase.SUBNEGOTIATION;
      case IP -> listener.interrupt();
      case AYT -> listener.send("\r\n[Yes]\r\n".getBytes(StandardCharsets.US_ASCII));
      default -> {
        // NOP, GA, BRK, AO, EL, EC: nothing to do for a simulated CLI
      }
    }
  }

  private void negotiate(int request, int option) {
    switch (request) {
      case DO -> {
        if (!LOCAL_OPTIONS.contains(option)) {
          reply(WONT, option);
        } else if (localEnabled.add(option)) {
          if (!localRequested.remove(option)) {
            reply(WILL, option);
          }
          localChanged(option);
        }
      }
      case DONT -> {
        localRequested.remove(option);
        if (localEnabled.remove(option)) {
          reply(WONT, option);
          localChanged(option);
        }
      }
      case WILL -> {
        if (!REMOTE_OPTIONS.contains(option)) {
          reply(DONT, option);
        } else if (remoteEnabled.add(option)) {
          if (!remoteRequested.remove(option)) {
            reply(DO, option);
          }
          if (option == TTYPE) {
            listener.send(bytes(IAC, SB, TTYPE, TTYPE_SEND, IAC, SE));
          }
        }
      }
      case WONT -> {
        remoteRequested.remove(option);
        if (remoteEnabled.remove(option)) {
          reply(DONT, option);
        }
      }
      default -> throw new IllegalStateException("not a negotiation verb: " + request);
    }
  }

  private void localChanged(int option) {
    if (option == ECHO) {
      listener.echoChanged(localEnabled.contains(ECHO));
    }
  }

  private void subnegotiationDone(byte[] body) {
    if (body.length == 0) {
      return;
    }
    int option = body[0] & 0xff;
    if (option == NAWS && body.length >= 5) {
      int columns = ((body[1] & 0xff) << 8) | (body[2] & 0xff);
      int rows = ((body[3] & 0xff) << 8) | (body[4] & 0xff);
      listener.windowSize(columns, rows);
    } else if (option == TTYPE && body.length >= 2 && (body[1] & 0xff) == TTYPE_IS) {
      listener.terminalType(new String(body, 2, body.length - 2, StandardCharsets.US_ASCII));
    }
  }

  private void reply(int response, int option) {
    listener.send(bytes(IAC, response, option));
  }

  private static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }
}
