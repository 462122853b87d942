package dev.patchbay.io;

import dev.patchbay.api.ProblemType;

/** The device refused the credentials (SSH authentication, login or enable password). */
public class AuthFailedException extends ConnectionException {

  public AuthFailedException(String detail, String output, Throwable cause) {
    super(ProblemType.AUTH_FAILED, detail, output, cause);
  }
}
