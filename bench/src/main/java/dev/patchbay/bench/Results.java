package dev.patchbay.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The rows measured in one run: printed as one table, written as Markdown and JSON. */
final class Results {

  /** One measured figure: what Patchbay achieved next to the direct client or peer. */
  record Row(
      String scenario,
      String metric,
      String baseline,
      String patchbay,
      String ratio,
      String target,
      Boolean met) {

    String verdict() {
      if (met == null) {
        return target;
      }
      return target + (met ? " — met" : " — MISSED");
    }
  }

  private static final String[] HEADER = {
    "scenario", "metric", "direct / peer", "patchbay", "ratio", "target"
  };

  private final List<Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  synchronized void add(Row row) {
    rows.add(row);
    System.out.printf(
        "  %s | %s | %s | %s | %s | %s%n",
        row.scenario(), row.metric(), row.baseline(), row.patchbay(), row.ratio(), row.verdict());
  }

  synchronized void note(String note) {
    notes.add(note);
    System.out.println("  note: " + note);
  }

  /** The table as aligned plain text. */
  synchronized String table() {
    List<String[]> lines = new ArrayList<>();
    lines.add(HEADER);
    rows.forEach(r -> lines.add(cells(r)));
    int[] widths = new int[HEADER.length];
    lines.forEach(
        cells -> {
          for (int i = 0; i < cells.length; i++) {
            widths[i] = Math.max(widths[i], cells[i].length());
          }
        });
    StringBuilder out = new StringBuilder();
    for (int l = 0; l < lines.size(); l++) {
      String[] cells = lines.get(l);
      for (int i = 0; i < cells.length; i++) {
        out.append(String.format("%-" + widths[i] + "s", cells[i]));
        out.append(i + 1 < cells.length ? " | " : "\n");
      }
      if (l == 0) {
        for (int i = 0; i < widths.length; i++) {
          out.append("-".repeat(widths[i])).append(i + 1 < widths.length ? "-+-" : "\n");
        }
      }
    }
    notes.forEach(n -> out.append("note: ").append(n).append('\n'));
    return out.toString();
  }

  /** The table as Markdown, preceded by {@code heading} lines. */
  synchronized String markdown(String heading) {
    StringBuilder out = new StringBuilder(heading).append("\n\n");
    out.append("| ").append(String.join(" | ", HEADER)).append(" |\n");
    out.append("|---".repeat(HEADER.length)).append("|\n");
    rows.forEach(
        r -> {
          String[] cells = cells(r);
          for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].replace("|", "\\|");
          }
          out.append("| ").append(String.join(" | ", cells)).append(" |\n");
        });
    if (!notes.isEmpty()) {
      out.append('\n');
      notes.forEach(n -> out.append("- ").append(n).append('\n'));
    }
    return out.toString();
  }

  /** The rows as a JSON document. */
  synchronized String json(String machine) {
    StringBuilder out = new StringBuilder("{\n  \"machine\": ").append(quote(machine));
    out.append(",\n  \"rows\": [\n");
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      out.append("    {\"scenario\": ").append(quote(r.scenario()));
      out.append(", \"metric\": ").append(quote(r.metric()));
      out.append(", \"baseline\": ").append(quote(r.baseline()));
      out.append(", \"patchbay\": ").append(quote(r.patchbay()));
      out.append(", \"ratio\": ").append(quote(r.ratio()));
      out.append(", \"target\": ").append(quote(r.target()));
      out.append(", \"met\": ").append(r.met());
      out.append(i + 1 < rows.size() ? "},\n" : "}\n");
    }
    out.append("  ],\n  \"notes\": [");
    for (int i = 0; i < notes.size(); i++) {
      out.append(i == 0 ? "\n    " : ",\n    ").append(quote(notes.get(i)));
    }
    return out.append("\n  ]\n}\n").toString();
  }

  void write(Path directory, String machine, String heading) throws IOException {
    Files.createDirectories(directory);
    Files.writeString(directory.resolve("latest.md"), markdown(heading));
    Files.writeString(directory.resolve("latest.json"), json(machine));
  }

  /** A number with three significant digits, at most two decimals. */
  static String number(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    double abs = Math.abs(value);
    String pattern = abs >= 100 ? "%.0f" : abs >= 10 ? "%.1f" : "%.2f";
    return String.format(Locale.ROOT, pattern, value);
  }

  static String ratio(double patchbay, double baseline) {
    return baseline == 0 || Double.isNaN(baseline) || Double.isNaN(patchbay)
        ? "n/a"
        : String.format(Locale.ROOT, "%.2f×", patchbay / baseline);
  }

  private static String[] cells(Row r) {
    return new String[] {
      r.scenario(), r.metric(), r.baseline(), r.patchbay(), r.ratio(), r.verdict()
    };
  }

  private static String quote(String text) {
    return "\""
        + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
        + "\"";
  }
}
