package dev.patchbay.inventory.pyats;

import dev.patchbay.api.FieldProblem;
import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.util.MultiValueMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads a {@code multipart/form-data} import, as a browser form or {@code curl -F} sends it: the
 * part {@code file} is the testbed file (its file name names a testbed that has none), and each
 * part {@code env} holds {@code NAME=value} lines (a {@code .env} file: blank lines and {@code #}
 * comments are skipped) giving values for the file's {@code %ENV{NAME}} references.
 */
final class UploadedTestbed {

  /** Largest part read, as the body limit: parts are read whole into memory. */
  static final int MAX_PART = 4 * 1024 * 1024;

  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private UploadedTestbed() {}

  static Mono<TestbedUpload> read(MultiValueMap<String, Part> parts) {
    List<Part> files = parts.getOrDefault("file", List.of());
    if (files.size() != 1) {
      return Mono.error(
          PatchbayException.invalid(
              "the upload has no testbed file",
              List.of(
                  new FieldProblem(
                      "file",
                      files.isEmpty()
                          ? "send the testbed file as the part 'file' (curl -F file=@lab.yaml)"
                          : "send one part 'file', not " + files.size()))));
    }
    Part file = files.getFirst();
    String fileName = file instanceof FilePart f ? f.filename() : null;
    Mono<String> text = text(file);
    Mono<Map<String, String>> environment =
        Flux.fromIterable(parts.getOrDefault("env", List.of()))
            .concatMap(UploadedTestbed::text)
            .collectList()
            .map(UploadedTestbed::environment);
    return Mono.zip(text, environment, (t, env) -> new TestbedUpload(t, fileName, env));
  }

  private static Mono<String> text(Part part) {
    return DataBufferUtils.join(part.content(), MAX_PART)
        .map(
            buffer -> {
              try {
                return buffer.toString(StandardCharsets.UTF_8);
              } finally {
                DataBufferUtils.release(buffer);
              }
            })
        .defaultIfEmpty("")
        .onErrorMap(
            DataBufferLimitException.class,
            e ->
                new PatchbayException(
                    ProblemType.PAYLOAD_TOO_LARGE,
                    "the part '" + part.name() + "' is larger than " + MAX_PART + " bytes"));
  }

  /** {@code NAME=value} lines; a malformed line is refused naming its number, never its text. */
  static Map<String, String> environment(List<String> texts) {
    Map<String, String> values = new LinkedHashMap<>();
    List<FieldProblem> problems = new ArrayList<>();
    for (String text : texts) {
      String[] lines = text.split("\r?\n", -1);
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i];
        if (line.isBlank() || line.stripLeading().startsWith("#")) {
          continue;
        }
        int eq = line.indexOf('=');
        String name = eq < 0 ? "" : line.substring(0, eq).strip();
        if (!VARIABLE.matcher(name).matches()) {
          problems.add(
              new FieldProblem(
                  "env",
                  i + 1,
                  "expected NAME=value, NAME being letters, digits and '_' (not starting with a"
                      + " digit)"));
          continue;
        }
        values.put(name, unquoted(line.substring(eq + 1)));
      }
    }
    if (!problems.isEmpty()) {
      throw PatchbayException.invalid("the env part cannot be read", problems);
    }
    return values;
  }

  /** A value in matching single or double quotes, as a {@code .env} file may write it. */
  private static String unquoted(String value) {
    boolean quoted =
        value.length() >= 2
            && (value.charAt(0) == '"' || value.charAt(0) == '\'')
            && value.charAt(value.length() - 1) == value.charAt(0);
    return quoted ? value.substring(1, value.length() - 1) : value;
  }
}
