package dev.patchbay;

import dev.patchbay.security.secrets.MasterKeyRotationCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of the Patchbay service. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PatchbayApplication {

  public static void main(String[] args) {
    if (MasterKeyRotationCommand.isRequested(args)) {
      System.exit(MasterKeyRotationCommand.run(PatchbayApplication.class, System.out, args));
    }
    SpringApplication.run(PatchbayApplication.class, args);
  }
}
