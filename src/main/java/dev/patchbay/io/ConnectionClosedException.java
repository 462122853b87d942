package dev.patchbay.io;

import dev.patchbay.api.ProblemType;

/** The connection is not open, or the device closed it (possibly in the middle of a command). */
public class ConnectionClosedException extends ConnectionException {

  public ConnectionClosedException(String detail, String output, Throwable cause) {
    super(ProblemType.CLOSED, detail, output, cause);
  }
}
