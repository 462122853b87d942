package dev.patchbay.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The TextFSM language on small templates and texts written for these tests. */
class TextFsmTest {

  private static List<List<Object>> parse(String template, String text) {
    return TextFsm.compile(template).parse(text);
  }

  @Test
  void recordsOneRowPerRecordAndAnImplicitOneAtEof() {
    String template =
        """
        Value NAME (\\S+)
        Value STATUS (up|down)

        Start
          ^${NAME} is ${STATUS} -> Record
          ^last ${NAME}
        """;
    assertThat(parse(template, "eth0 is up\nnoise\neth1 is down\nlast eth9\n"))
        .containsExactly(List.of("eth0", "up"), List.of("eth1", "down"), List.of("eth9", ""));
  }

  @Test
  void anEmptyEofStateSuppressesTheImplicitRecord() {
    String template =
        """
        Value NAME (\\S+)

        Start
          ^name ${NAME}

        EOF
        """;
    assertThat(parse(template, "name a\n")).isEmpty();
  }

  @Test
  void filldownCarriesAValueIntoLaterRecordsUntilClearall() {
    String template =
        """
        Value Filldown CHASSIS (\\S+)
        Value SLOT (\\d+)

        Start
          ^chassis ${CHASSIS}
          ^slot ${SLOT} -> Record
          ^reset -> Clearall
        """;
    assertThat(parse(template, "chassis c1\nslot 1\nslot 2\nreset\nslot 3\n"))
        .containsExactly(List.of("c1", "1"), List.of("c1", "2"), List.of("", "3"));
  }

  @Test
  void aRecordOfOnlyFilledDownValuesIsStillEmittedAtEofUnlessRequiredIsMissing() {
    String filldownOnly =
        """
        Value Filldown HOST (\\S+)
        Value PORT (\\d+)

        Start
          ^host ${HOST}
          ^port ${PORT} -> Record
        """;
    assertThat(parse(filldownOnly, "host h\nport 1\n"))
        .containsExactly(List.of("h", "1"), List.of("h", ""));
    String required = filldownOnly.replace("Value PORT", "Value Required PORT");
    assertThat(parse(required, "host h\nport 1\n")).containsExactly(List.of("h", "1"));
  }

  @Test
  void fillupCopiesAValueIntoEarlierRecordsThatLackIt() {
    String template =
        """
        Value Fillup AREA (\\d+)
        Value IF (\\S+)

        Start
          ^if ${IF} -> Record
          ^area ${AREA}
        """;
    assertThat(parse(template, "if a\nif b\narea 7\nif c\n"))
        .containsExactly(List.of("7", "a"), List.of("7", "b"), List.of("7", "c"));
  }

  @Test
  void listCollectsEveryMatchAndNamedGroupsInsideItBecomeObjects() {
    String template =
        """
        Value Key VLAN (\\d+)
        Value List PORTS (\\S+)
        Value List MEMBERS ((?P<if_name>\\w+)/(?P<unit>\\d+))

        Start
          ^vlan ${VLAN} -> Record
          ^  port ${PORTS}
          ^  member ${MEMBERS}
        """;
    TextFsm fsm = TextFsm.compile(template);
    assertThat(fsm.keys()).containsExactly("VLAN");
    List<List<Object>> rows = fsm.parse("  port e1\n  port e2\n  member ge/1\nvlan 10\nvlan 20\n");
    assertThat(rows.getFirst())
        .containsExactly("10", List.of("e1", "e2"), List.of(Map.of("if_name", "ge", "unit", "1")));
    assertThat(rows.get(1)).containsExactly("20", List.of(), List.of());
  }

  @Test
  void continueAppliesTheNextRulesToTheSameLine() {
    String template =
        """
        Value A (\\w+)
        Value B (\\w+)

        Start
          ^${A} -> Continue
          ^\\w+ ${B} -> Record
        """;
    assertThat(parse(template, "x y\n")).containsExactly(List.of("x", "y"));
  }

  @Test
  void clearForgetsTheRecordButNotFilledDownValues() {
    String template =
        """
        Value Filldown SITE (\\w+)
        Value HOST (\\w+)

        Start
          ^site ${SITE}
          ^host ${HOST}
          ^drop -> Clear
          ^done -> Next.Record
        """;
    assertThat(parse(template, "site s\nhost h1\ndrop\ndone\nhost h2\ndone\n"))
        .containsExactly(List.of("s", ""), List.of("s", "h2"), List.of("s", ""));
  }

  @Test
  void noRecordWithAStateTransitionAndEndStopsParsing() {
    String template =
        """
        Value HEAD (\\w+)
        Value ROW (\\d+)

        Start
          ^header ${HEAD} -> NoRecord Body

        Body
          ^${ROW} -> Record
          ^stop -> End
        """;
    assertThat(parse(template, "1\nheader h\n2\nstop\n3\n")).containsExactly(List.of("h", "2"));
  }

  @Test
  void aTransitionToEofRecordsAndStops() {
    String template =
        """
        Value V (\\d+)

        Start
          ^${V} -> EOF
        """;
    assertThat(parse(template, "1\n2\n")).containsExactly(List.of("1"));
  }

  @Test
  void errorActionStopsWithItsMessageTheRuleLineAndTheInputLine() {
    String template =
        """
        Value V (\\d+)

        Start
          ^${V}
          ^unexpected -> Error "unexpected line"
          ^boom -> Error
        """;
    TextFsm fsm = TextFsm.compile(template);
    assertThatThrownBy(() -> fsm.parse("1\nunexpected\n"))
        .isInstanceOf(ParseFailure.class)
        .hasMessageContaining("unexpected line")
        .satisfies(
            e -> {
              assertThat(((ParseFailure) e).line()).isEqualTo(5);
              assertThat(((ParseFailure) e).inputLine()).isEqualTo(2);
            });
    assertThatThrownBy(() -> fsm.parse("boom"))
        .isInstanceOf(ParseFailure.class)
        .hasMessageContaining("template line 6");
  }

  @Test
  void pythonRegexFeaturesAreTranslated() {
    String template =
        """
        Value IF_NAME (\\S+)
        Value COST (\\d+)
        Value TAG (\\w+)

        Start
          ^(?P<skip_me>x)?${IF_NAME}\\s+cost\\s+${COST}\\s*$$ -> Record
          ^\\{${TAG}}\\Z -> Record
          ^[[&]+(?P<quote>['"])${TAG}(?P=quote) -> Record
        """;
    assertThat(parse(template, "Gi1 cost 10\nGi2 cost 20 x\n{t1}\n[&'t2'\n"))
        .containsExactly(List.of("Gi1", "10", ""), List.of("", "", "t1"), List.of("", "", "t2"));
  }

  @Test
  void recordsHaveLowerCaseKeys() {
    String template =
        """
        Value HOST_NAME (\\S+)

        Start
          ^${HOST_NAME}
        """;
    assertThat(TextFsm.compile(template).parseToRecords("r1"))
        .containsExactly(Map.of("host_name", "r1"));
  }

  @Test
  void badTemplatesNameTheirLine() {
    assertBad("Value X (\\d+)\n\nBegin\n  ^${X}\n", "no 'Start' state", 0);
    assertBad("Value X (\\d+\n\nStart\n  ^${X}\n", "must be enclosed", 1);
    assertBad("Value Sticky X (\\d+)\n\nStart\n", "unknown Value option 'Sticky'", 1);
    assertBad("Value X (\\d+)\nValue X (\\w+)\n\nStart\n", "duplicate Value 'X'", 2);
    assertBad("Value X (\\d+)\nfoo\n\nStart\n", "blank line after the last Value", 2);
    assertBad("Value X ((\\d+)\n\nStart\n", "invalid regular expression", 1);
    assertBad("Value X (\\d+)\n\nStart\n  ^${Y}\n", "invalid variable substitution", 4);
    assertBad("Value X (\\d+)\n\nStart\n  ^${X}$\n", "invalid variable substitution", 4);
    assertBad("Value X (\\d+)\n\nStart\n  ^${X} -> Nowhere\n", "'Nowhere' does not exist", 4);
    assertBad("Value X (\\d+)\n\nStart\n  ^${X} -> Continue Start\n", "cannot change state", 4);
    assertBad("Value X (\\d+)\n\nStart\n  ^${X} -> Record.Next\n", "badly formatted", 4);
    assertBad("Value X (\\d+)\n\nStart\n^${X}\n", "a rule starts with", 4);
    assertBad("Value X (\\d+)\n\nStart\n  ^(${X}\n", "invalid regular expression", 4);
    assertBad("Value X (\\d+)\n\nStart\n  ^${X}\n\nEOF\n  ^x\n", "'EOF' state must be empty", 7);
    assertBad("Value X (\\d+)\n\nStart\n  ^${X}\n\nStart\n", "duplicate state 'Start'", 6);
    assertBad("Value X (\\d+)\n\nRecord\n", "invalid state name 'Record'", 3);
  }

  private static void assertBad(String template, String message, int line) {
    assertThatThrownBy(() -> TextFsm.compile(template))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((TemplateException) e).line()).isEqualTo(line));
  }
}
