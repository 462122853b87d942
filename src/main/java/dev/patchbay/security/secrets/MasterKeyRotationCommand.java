package dev.patchbay.security.secrets;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The command-line key rotation: {@code java -jar patchbay.jar
 * --patchbay.security.rotate-master-key}. Starts the application on an ephemeral loopback port
 * (nothing outside can reach it) and without the simulated lab, re-seals every secret under the
 * current key ({@link MasterKeyRotation}), prints the counts and exits. With the embedded key file,
 * a new key is generated first.
 */
public final class MasterKeyRotationCommand {

  static final String FLAG = "--patchbay.security.rotate-master-key";

  /** Settings the command decides, whatever the command line says. */
  private static final List<String> FORCED =
      List.of(FLAG, "--server.port", "--server.address", "--patchbay.simulator.enabled");

  private MasterKeyRotationCommand() {}

  /** Whether the command line asks for a rotation. */
  public static boolean isRequested(String... args) {
    return Arrays.stream(args).anyMatch(arg -> arg.equals(FLAG) || arg.equals(FLAG + "=true"));
  }

  /**
   * Runs the rotation in a context of {@code application} (the service's main class, passed in so
   * that this command does not depend on the class that calls it); the exit status: 0 when every
   * secret was re-sealed, 1 otherwise.
   */
  public static int run(Class<?> application, PrintStream out, String... args) {
    String[] commandArgs =
        Stream.concat(
                Arrays.stream(args).filter(arg -> FORCED.stream().noneMatch(arg::startsWith)),
                Stream.of(
                    FLAG + "=true",
                    "--server.port=0",
                    "--server.address=127.0.0.1",
                    "--patchbay.simulator.enabled=false"))
            .toArray(String[]::new);
    try (ConfigurableApplicationContext context = SpringApplication.run(application, commandArgs)) {
      RotationReport report = context.getBean(MasterKeyRotation.class).rotate();
      out.println(
          "master key rotation: every secret is sealed under key "
              + report.keyId()
              + " ("
              + report.resealed()
              + " re-sealed, "
              + report.unchanged()
              + " already current)");
      report
          .stores()
          .forEach(
              store ->
                  out.println(
                      "  "
                          + store.store()
                          + ": "
                          + store.resealed()
                          + " re-sealed, "
                          + store.unchanged()
                          + " already current"));
      return 0;
    } catch (RuntimeException e) {
      out.println("master key rotation failed: " + rootMessage(e));
      return 1;
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && !(cause instanceof SecretUnreadableException)) {
      cause = cause.getCause();
    }
    return cause.getMessage();
  }
}
