package dev.patchbay.inventory;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pyATS {@code %ENV{NAME}} references kept as written (in a host, a username or an {@link
 * SecretState#ENV} secret) and read from Patchbay's own environment when a connection opens, so an
 * import never needs the variables and a value set later is used without importing again.
 */
public final class EnvironmentReferences {

  private static final Pattern REFERENCE = Pattern.compile("%ENV\\{([^}]*)}");

  private EnvironmentReferences() {}

  /** The variable {@code value} refers to, when it is a whole {@code %ENV{NAME}} reference. */
  public static Optional<String> variable(String value) {
    Matcher m = value == null ? null : REFERENCE.matcher(value);
    return m != null && m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** {@code value}, or the variable it refers to read now; {@code what} names it in the problem. */
  public static String resolve(String value, String what) {
    Optional<String> name = variable(value);
    return name.isEmpty() ? value : read(name.get(), what);
  }

  /** The value of the environment variable {@code name}, or a problem naming it. */
  public static String read(String name, String what) {
    String value = name.isEmpty() ? null : System.getenv(name);
    if (value == null) {
      throw new PatchbayException(
          ProblemType.VALIDATION,
          what
              + " is %ENV{"
              + name
              + "}, and environment variable "
              + name
              + " is not set in Patchbay's environment; set it and restart, or import the testbed"
              + " again with the value");
    }
    return value;
  }
}
