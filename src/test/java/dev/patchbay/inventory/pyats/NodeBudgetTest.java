package dev.patchbay.inventory.pyats;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/**
 * The node budget stops alias and merge-key bombs before their expansion is built: little time and
 * little memory, however many nodes the file stands for.
 */
class NodeBudgetTest {

  /** 8 aliases of the level below, 6 levels: 8^7 ≈ 2.1 million scalars in about 350 bytes. */
  static String aliasBomb() {
    StringBuilder out = new StringBuilder("testbed:\n  name: alias-bomb\n  custom:\n");
    out.append("    l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int level = 1; level <= 6; level++) {
      out.append("    l").append(level).append(": &l").append(level).append(" [");
      out.append(String.join(", ", Collections.nCopies(8, "*l" + (level - 1))));
      out.append("]\n");
    }
    return out.toString();
  }

  /** The same shape through merge keys: each level merges the level below 8 times. */
  static String mergeBomb() {
    StringBuilder out = new StringBuilder("testbed:\n  name: merge-bomb\n  custom:\n");
    out.append("    m0: &m0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8}\n");
    for (int level = 1; level <= 6; level++) {
      out.append("    m").append(level).append(": &m").append(level).append(" {<<: [");
      out.append(String.join(", ", Collections.nCopies(8, "*m" + (level - 1))));
      out.append("], z").append(level).append(": ").append(level).append("}\n");
    }
    return out.toString();
  }

  @Test
  void bombsAreRefusedWithTheirPathWithoutBuildingTheExpansion() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (String bomb : new String[] {aliasBomb(), mergeBomb()}) {
      assertThat(bomb.length()).isLessThan(800);
      long allocated = threads.getCurrentThreadAllocatedBytes();
      long start = System.nanoTime();
      ImportReport report = new ImportReport();
      ParsedTestbed parsed =
          new TestbedFileParser(report, NodeBudget.forText(bomb)).parse(bomb, null, null);
      long millis = (System.nanoTime() - start) / 1_000_000;
      long bytes = threads.getCurrentThreadAllocatedBytes() - allocated;
      assertThat(parsed).isNull();
      assertThat(report.problems())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.field()).startsWith("testbed.custom.");
                assertThat(p.line()).isPositive();
                assertThat(p.message()).contains("expands to more than");
              });
      assertThat(millis).as("milliseconds").isLessThan(1000);
      assertThat(bytes).as("bytes allocated").isLessThan(64L << 20);
    }
  }

  @Test
  void aFileWithoutAliasesNeverRunsOut() {
    StringBuilder file = new StringBuilder("testbed:\n  name: flat\n  custom:\n    list:\n");
    for (int i = 0; i < 20_000; i++) {
      file.append("      - {a: 1, b: [x, y]}\n");
    }
    ImportReport report = new ImportReport();
    String text = file.toString();
    assertThat(new TestbedFileParser(report, NodeBudget.forText(text)).parse(text, null, null))
        .isNotNull();
    assertThat(report.problems()).isEmpty();
  }
}
