package dev.patchbay.io;

import dev.patchbay.api.ProblemType;

/** The device (or its jump host) could not be reached: refused, unresolvable, no route. */
public class DeviceUnreachableException extends ConnectionException {

  public DeviceUnreachableException(String detail, Throwable cause) {
    super(ProblemType.DEVICE_UNREACHABLE, detail, null, cause);
  }
}
