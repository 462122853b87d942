package dev.patchbay.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The templates Patchbay can parse with: those of {@code patchbay.parse.templates-dir} (its {@code
 * index} is searched first, and a template name is looked up there first) and the built-in ones
 * under {@code classpath:parse/templates}. Compiled templates are cached; a file of the directory
 * is read again when its modification time changes.
 */
@Component
class TemplateLibrary {

  static final String DIRECTORY = "directory";
  static final String BUILT_IN = "built-in";
  private static final String RESOURCES = "parse/templates/";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  /** A file's text and modification time (null for a built-in resource). */
  private record Text(String text, FileTime modified) {}

  private record Cached<T>(FileTime modified, T value) {}

  private final Path dir;
  private final TemplateIndex builtInIndex;
  private final Map<String, Cached<TextFsm>> compiled = new ConcurrentHashMap<>();
  private volatile Cached<TemplateIndex> dirIndex;

  TemplateLibrary(ParseProperties properties) {
    this.dir = properties.templatesDir();
    Text index = builtIn("index").orElseThrow();
    this.builtInIndex = TemplateIndex.read(index.text());
  }

  static boolean isTemplateName(String name) {
    return name != null && NAME.matcher(name).matches() && !name.contains("..");
  }

  /** The index row for {@code command} on one of {@code platforms}, directory first. */
  Optional<ParseTemplate> byCommand(List<String> platforms, String command) {
    Optional<TemplateIndex.Entry> entry = directoryIndex().match(platforms, command);
    if (entry.isPresent()) {
      return Optional.of(load(entry.get().templates(), DIRECTORY));
    }
    return builtInIndex.match(platforms, command).map(e -> load(e.templates(), BUILT_IN));
  }

  /** The template file {@code name} (with or without {@code .textfsm}), directory first. */
  Optional<ParseTemplate> byName(String name) {
    for (String candidate : List.of(name, name + ".textfsm")) {
      if (directoryModified(candidate).isPresent()) {
        return Optional.of(load(List.of(candidate), DIRECTORY));
      }
      if (isTemplateName(candidate)
          && TemplateLibrary.class.getClassLoader().getResource(RESOURCES + candidate) != null) {
        return Optional.of(load(List.of(candidate), BUILT_IN));
      }
    }
    return Optional.empty();
  }

  /** Every index row, directory first. */
  List<TemplateInfo> list() {
    List<TemplateInfo> all = new ArrayList<>();
    directoryIndex().entries().forEach(e -> all.add(TemplateInfo.of(e, DIRECTORY)));
    builtInIndex.entries().forEach(e -> all.add(TemplateInfo.of(e, BUILT_IN)));
    return all;
  }

  private ParseTemplate load(List<String> names, String source) {
    List<TextFsm> fsms = new ArrayList<>();
    for (String name : names) {
      String key = source + ":" + name;
      Cached<TextFsm> cached = compiled.get(key);
      FileTime modified = source.equals(DIRECTORY) ? directoryModified(name).orElse(null) : null;
      if (cached == null || !Objects.equals(cached.modified(), modified)) {
        Text text =
            (source.equals(DIRECTORY) ? directoryFile(name) : builtIn(name))
                .orElseThrow(
                    () ->
                        ParseService.failed(
                            name, 0, "template file '" + name + "' named by the index is missing"));
        cached = new Cached<>(text.modified(), compile(name, text.text()));
        compiled.put(key, cached);
      }
      fsms.add(cached.value());
    }
    return new ParseTemplate(String.join(":", names), source, List.copyOf(fsms));
  }

  private static TextFsm compile(String name, String text) {
    try {
      return TextFsm.compile(text);
    } catch (TemplateException e) {
      throw ParseService.failed(name, e.line(), e.getMessage());
    }
  }

  private TemplateIndex directoryIndex() {
    if (dir == null) {
      return TemplateIndex.empty();
    }
    Optional<FileTime> modified = directoryModified("index");
    if (modified.isEmpty()) {
      return TemplateIndex.empty();
    }
    Cached<TemplateIndex> cached = dirIndex;
    if (cached == null || !cached.modified().equals(modified.get())) {
      Text text = directoryFile("index").orElseThrow();
      try {
        cached = new Cached<>(text.modified(), TemplateIndex.read(text.text()));
      } catch (TemplateException e) {
        throw ParseService.failed(dir.resolve("index").toString(), e.line(), e.getMessage());
      }
      dirIndex = cached;
    }
    return cached.value();
  }

  private Optional<FileTime> directoryModified(String name) {
    if (dir == null || !isTemplateName(name)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.getLastModifiedTime(dir.resolve(name)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private Optional<Text> directoryFile(String name) {
    if (dir == null || !isTemplateName(name)) {
      return Optional.empty();
    }
    Path file = dir.resolve(name);
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      return Optional.of(new Text(Files.readString(file, StandardCharsets.UTF_8), modified));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read template " + file, e);
    }
  }

  private static Optional<Text> builtIn(String name) {
    if (!isTemplateName(name)) {
      return Optional.empty();
    }
    try (InputStream in =
        TemplateLibrary.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
      return in == null
          ? Optional.empty()
          : Optional.of(new Text(new String(in.readAllBytes(), StandardCharsets.UTF_8), null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
