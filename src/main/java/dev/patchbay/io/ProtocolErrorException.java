package dev.patchbay.io;

import dev.patchbay.api.ProblemType;

/** The peer does not speak the protocol the connection expects (e.g. it is no SSH server). */
public class ProtocolErrorException extends ConnectionException {

  public ProtocolErrorException(String detail, Throwable cause) {
    super(ProblemType.PROTOCOL_ERROR, detail, null, cause);
  }
}
