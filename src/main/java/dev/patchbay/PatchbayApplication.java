package dev.patchbay;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of the Patchbay service. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PatchbayApplication {

  public static void main(String[] args) {
    SpringApplication.run(PatchbayApplication.class, args);
  }
}
