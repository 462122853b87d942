package dev.patchbay.simulator.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads device profiles from YAML: the simulator's own format (a top-level {@code states} mapping)
 * or unicon mock-device data files (top-level keys are states).
 */
public final class ProfileLoader {

  /** Classpath folder of the built-in profiles. */
  public static final String PROFILE_FOLDER = "simulator/profiles/";

  /** Loads the built-in profile {@code name} ({@code iosxe}, {@code nxos}, {@code linux}...). */
  public DeviceProfile loadBuiltIn(String name) {
    String resource = PROFILE_FOLDER + name + ".yaml";
    try (InputStream in = ProfileLoader.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "No simulator profile named '" + name + "' (" + resource + ")");
      }
      return load(name, resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads a profile file; the profile is named after the file. */
  public DeviceProfile loadFile(Path file) {
    try {
      String fileName = file.getFileName().toString();
      String name = fileName.replaceFirst("\\.ya?ml$", "");
      return load(name, file.toString(), Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads a profile from YAML text; {@code source} is used in error messages. */
  public DeviceProfile load(String name, String source, String yaml) {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw new ProfileException(source, "(document)", line, "invalid YAML: " + e.getProblem(), e);
    } catch (YAMLException e) {
      throw new ProfileException(source, "(document)", 0, "invalid YAML: " + e.getMessage(), e);
    }
    if (root == null) {
      throw new ProfileException(source, "(document)", 1, "empty profile");
    }
    YamlNode document = new YamlNode(root, source, "");
    if (!document.isMapping()) {
      throw document.error("a profile must be a mapping");
    }
    if (document.entries().get("states") instanceof YamlNode states && states.isMapping()) {
      return new NativeProfileReader(name, source).read(document);
    }
    return new UniconProfileReader(name, source).read(document);
  }
}
