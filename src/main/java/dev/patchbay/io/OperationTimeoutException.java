package dev.patchbay.io;

import dev.patchbay.api.ProblemType;

/** Connect, login or a command did not finish in time; carries the output received so far. */
public class OperationTimeoutException extends ConnectionException {

  public OperationTimeoutException(String detail, String output) {
    super(ProblemType.TIMEOUT, detail, output, null);
  }

  public OperationTimeoutException(String detail, Throwable cause) {
    super(ProblemType.TIMEOUT, detail, null, cause);
  }
}
