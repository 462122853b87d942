package dev.patchbay.manager;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A pyATS {@code command:} line split into the program and its arguments as a POSIX shell would
 * split words (single and double quotes, backslash escapes), without running a shell: no variables,
 * globs, pipes or redirections.
 */
final class CommandLine {

  private CommandLine() {}

  /** The words of {@code line}; an unterminated quote is an {@link IllegalArgumentException}. */
  static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else if (c == '\\'
            && i + 1 < line.length()
            && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
          word.append(line.charAt(++i));
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (c == '\\' && i + 1 < line.length()) {
        word.append(line.charAt(++i));
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("unterminated " + quote + " quote");
    }
    if (inWord) {
      words.add(word.toString());
    }
    return List.copyOf(words);
  }

  /**
   * The real path of {@code executable}: itself if it contains a slash, else the first executable
   * of that name on {@code PATH}.
   */
  static Optional<Path> resolve(String executable) {
    try {
      if (executable.contains("/")) {
        return realExecutable(Path.of(executable));
      }
      String path = System.getenv("PATH");
      if (path == null) {
        return Optional.empty();
      }
      for (String dir : path.split(File.pathSeparator)) {
        if (!dir.isEmpty()) {
          Optional<Path> found = realExecutable(Path.of(dir, executable));
          if (found.isPresent()) {
            return found;
          }
        }
      }
      return Optional.empty();
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  private static Optional<Path> realExecutable(Path candidate) {
    if (!Files.isRegularFile(candidate) || !Files.isExecutable(candidate)) {
      return Optional.empty();
    }
    try {
      return Optional.of(candidate.toRealPath());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
