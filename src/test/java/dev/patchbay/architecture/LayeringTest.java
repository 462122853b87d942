package dev.patchbay.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layering of docs/adr/0011-layers.md, read off the compiled classes: every dependency
 * points down {@link #LAYERS}, no package import circle, and the rules the architecture names
 * (drivers know nothing above them, the expect engine knows no driver, the terminal reaches devices
 * through the manager, security knows no inventory, the simulator knows nothing of ours).
 */
class LayeringTest {

  /** Top to bottom; a package belongs to the longest entry it starts with. */
  static final List<String> LAYERS =
      List.of(
          "dev.patchbay.cluster.forward",
          "dev.patchbay.demolab",
          "dev.patchbay.console",
          "dev.patchbay.terminal",
          "dev.patchbay.job",
          "dev.patchbay.manager",
          "dev.patchbay.lease",
          "dev.patchbay.recording",
          "dev.patchbay.hostkey",
          "dev.patchbay.inventory",
          "dev.patchbay.idempotency",
          "dev.patchbay.security",
          "dev.patchbay.security.access",
          "dev.patchbay.security.token",
          "dev.patchbay.security.secrets",
          "dev.patchbay.audit",
          "dev.patchbay.cluster",
          "dev.patchbay.connection",
          "dev.patchbay.cli",
          "dev.patchbay.io",
          "dev.patchbay.parse",
          "dev.patchbay.web",
          "dev.patchbay.security.masking",
          "dev.patchbay.common",
          "dev.patchbay.api");

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter().importPath(Path.of("target/classes"));
  }

  @Test
  void everyDependencyPointsDownTheLayers() {
    List<String> upward =
        classes.stream()
            .filter(c -> layerOf(c.getPackageName()) >= 0)
            .flatMap(c -> c.getDirectDependenciesFromSelf().stream())
            .filter(LayeringTest::pointsUp)
            .map(Dependency::getDescription)
            .distinct()
            .toList();
    assertThat(upward).isEmpty();
  }

  @Test
  void everyProductionPackageHasALayer() {
    assertThat(
            classes.stream()
                .map(JavaClass::getPackageName)
                .filter(p -> !p.equals("dev.patchbay") && !p.startsWith("dev.patchbay.simulator"))
                .filter(p -> layerOf(p) < 0)
                .distinct())
        .isEmpty();
  }

  @Test
  void noPackageImportCircle() {
    slices().matching("dev.patchbay.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void connectionKnowsNothingAboveIt() {
    noClasses()
        .that()
        .resideInAPackage("dev.patchbay.connection..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.patchbay.inventory..",
            "dev.patchbay.security..",
            "dev.patchbay.hostkey..",
            "dev.patchbay.manager..",
            "dev.patchbay.terminal..",
            "dev.patchbay.lease..",
            "dev.patchbay.audit..",
            "dev.patchbay.recording..")
        .check(classes);
  }

  @Test
  void expectEngineKnowsNoDriver() {
    noClasses()
        .that()
        .resideInAPackage("dev.patchbay.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.patchbay.connection..")
        .check(classes);
  }

  @Test
  void terminalReachesDevicesThroughTheManagerOnly() {
    noClasses()
        .that()
        .resideInAPackage("dev.patchbay.terminal..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.patchbay.connection..", "dev.patchbay.inventory..")
        .check(classes);
  }

  @Test
  void securityKnowsNoInventory() {
    noClasses()
        .that()
        .resideInAPackage("dev.patchbay.security..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.patchbay.inventory..")
        .check(classes);
  }

  @Test
  void simulatorDependsOnNothingOfOurs() {
    noClasses()
        .that()
        .resideInAPackage("dev.patchbay.simulator..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(LAYERS.stream().map(p -> p + "..").toArray(String[]::new))
        .check(classes);
  }

  @Test
  void securityKeepsAtMostFifteenFilesAtItsRoot() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/patchbay/security"))) {
      assertThat(files.filter(f -> f.toString().endsWith(".java")).count()).isLessThanOrEqualTo(15);
    }
  }

  private static boolean pointsUp(Dependency dependency) {
    int to = layerOf(dependency.getTargetClass().getPackageName());
    return to >= 0 && to < layerOf(dependency.getOriginClass().getPackageName());
  }

  private static int layerOf(String pkg) {
    int best = -1;
    int length = -1;
    for (int i = 0; i < LAYERS.size(); i++) {
      String layer = LAYERS.get(i);
      if ((pkg.equals(layer) || pkg.startsWith(layer + ".")) && layer.length() > length) {
        best = i;
        length = layer.length();
      }
    }
    return best;
  }
}
