package dev.patchbay.manager;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Structured output against the simulator: {@code parse}/{@code template} on execute and
 * execute-batch with the built-in templates, and {@code /api/v1/parse}.
 */
@Timeout(60)
class ParseApiTest extends SessionApiTestSupport {

  private String openSession(String alias) {
    String device = registerDevice("parse");
    body(post(sessions(device), "{\"alias\": \"" + alias + "\"}"), 201);
    return device;
  }

  @Test
  void executeWithParseReturnsRecordsFromTheIndexTemplateBesideTheOutput() {
    String device = openSession("p");
    JsonNode result =
        body(
            post(
                sessions(device) + "/p/execute",
                "{\"command\": \"show ip interface brief\", \"parse\": true}"),
            200);
    assertThat(result.path("output").asString()).contains("GigabitEthernet1");
    assertThat(result.path("template").asString())
        .isEqualTo("cisco_ios_show_ip_interface_brief.textfsm");
    JsonNode parsed = result.path("parsed");
    assertThat(parsed.size()).isEqualTo(5);
    assertThat(parsed.get(0).path("interface").asString()).isEqualTo("GigabitEthernet1");
    assertThat(parsed.get(0).path("ip_address").asString()).isEqualTo("192.0.2.11");
    assertThat(parsed.get(2).path("status").asString()).isEqualTo("administratively down");
    assertThat(parsed.get(4).path("proto").asString()).isEqualTo("up");

    JsonNode version =
        body(
            post(sessions(device) + "/p/execute", "{\"command\": \"sh ver\", \"parse\": true}"),
            200);
    assertThat(version.path("parsed").get(0).path("version").asString()).isEqualTo("17.9.4a");
    assertThat(version.path("parsed").get(0).path("hostname").asString()).isEqualTo("r1");
    assertThat(version.path("parsed").get(0).path("serial").get(0).asString())
        .isEqualTo("9ABCDEF1234");
  }

  @Test
  void aCommandWithoutTemplateGivesNullAndAWarningAndNoParseGivesNeither() {
    String device = openSession("w");
    JsonNode result =
        body(
            post(
                sessions(device) + "/w/execute",
                "{\"command\": \"show logging\", \"parse\": true}"),
            200);
    assertThat(result.path("output").asString()).contains("Syslog logging");
    assertThat(result.path("parsed").isNull()).isTrue();
    assertThat(result.path("warning").asString())
        .contains("no template for 'show logging'", "cisco_xe", "cisco_ios");
    JsonNode plain =
        body(post(sessions(device) + "/w/execute", "{\"command\": \"show clock\"}"), 200);
    assertThat(plain.path("parsed").isNull()).isTrue();
    assertThat(plain.path("warning").isNull()).isTrue();
  }

  @Test
  void aNamedTemplateWhoseErrorRuleMatchesIsParseFailedWithTheOutput() {
    String device = openSession("f");
    JsonNode problem =
        problem(
            post(
                sessions(device) + "/f/execute",
                "{\"command\": \"show version\", \"template\": \"cisco_ios_show_inventory\"}"),
            422,
            "parse-failed");
    assertThat(problem.path("template").asString()).isEqualTo("cisco_ios_show_inventory.textfsm");
    assertThat(problem.path("line").asInt()).isEqualTo(11);
    assertThat(problem.path("detail").asString()).contains("unexpected line in show inventory");
    assertThat(problem.path("output").asString()).contains("Cisco IOS XE Software");

    JsonNode unknown =
        problem(
            post(
                sessions(device) + "/f/execute",
                "{\"command\": \"show version\", \"template\": \"no_such.textfsm\"}"),
            400,
            "validation");
    assertThat(unknown.path("errors").get(0).path("field").asString()).isEqualTo("template");
  }

  @Test
  void batchParsesEachCommandAsAskedAndStopsAtAParseFailure() {
    String device = openSession("b");
    JsonNode batch =
        body(
            post(
                sessions(device) + "/b/execute-batch",
                """
                {"commands": ["show clock", "show inventory", "show interfaces", "show logging"],
                 "parse": true}
                """),
            200);
    JsonNode results = batch.path("results");
    assertThat(results.get(0).path("parsed").get(0).path("year").asString()).isEqualTo("2026");
    assertThat(results.get(1).path("parsed").size()).isEqualTo(3);
    assertThat(results.get(1).path("parsed").get(2).path("vid").asString()).isEmpty();
    JsonNode interfaces = results.get(2).path("parsed");
    assertThat(interfaces.size()).isEqualTo(4);
    assertThat(interfaces.get(0).path("description").asString()).isEqualTo("uplink to lab");
    assertThat(interfaces.get(2).path("link_status").asString()).isEqualTo("administratively down");
    assertThat(interfaces.get(3).path("interface").asString()).isEqualTo("Loopback0");
    assertThat(interfaces.get(3).path("mtu").asString()).isEqualTo("1514");
    assertThat(results.get(3).path("parsed").isNull()).isTrue();
    assertThat(results.get(3).path("warning").asString()).contains("show logging");
    assertThat(batch.path("complete").asBoolean()).isTrue();

    JsonNode failing =
        body(
            post(
                sessions(device) + "/b/execute-batch",
                """
                {"commands": ["show version", "show clock"],
                 "templates": {"show version": "cisco_ios_show_ip_interface_brief.textfsm"}}
                """),
            200);
    assertThat(failing.path("complete").asBoolean()).isFalse();
    assertThat(failing.path("results").size()).isEqualTo(1);
    JsonNode item = failing.path("results").get(0);
    assertThat(item.path("ok").asBoolean()).isFalse();
    assertThat(item.path("problemType").asString()).isEqualTo(PROBLEMS + "parse-failed");
    assertThat(item.path("output").asString()).contains("Cisco IOS XE Software");
  }

  @Test
  void parseEndpointTriesInlineTemplatesAndIndexRowsAndListsTemplates() {
    JsonNode inline =
        body(
            post(
                "/api/v1/parse",
                """
                {"text": "a 1\\nb 2\\n",
                 "templateText": "Value K_EY (\\\\w)\\nValue V (\\\\d)\\n\\nStart\\n  ^${K_EY} ${V} -> Record\\n"}
                """),
            200);
    assertThat(inline.path("parsed").get(1).path("k_ey").asString()).isEqualTo("b");

    JsonNode bad =
        problem(
            post(
                "/api/v1/parse",
                "{\"text\": \"x\", \"templateText\": \"Value V (\\\\d)\\n\\nStart\\n  ^${W}\\n\"}"),
            422,
            "parse-failed");
    assertThat(bad.path("template").asString()).isEqualTo("inline");
    assertThat(bad.path("line").asInt()).isEqualTo(4);

    JsonNode linux =
        body(
            post(
                "/api/v1/parse",
                """
                {"os": "linux", "command": "ip -br addr",
                 "text": "lo               UNKNOWN        127.0.0.1/8 ::1/128\\neth0             UP             192.0.2.21/24 fe80::5054:ff:fe12:3456/64\\n"}
                """),
            200);
    assertThat(linux.path("template").asString()).isEqualTo("linux_ip_brief_addr.textfsm");
    assertThat(linux.path("parsed").get(1).path("addresses").get(0).asString())
        .isEqualTo("192.0.2.21/24");
    assertThat(linux.path("parsed").get(0).path("addresses").size()).isEqualTo(2);

    JsonNode nxos =
        body(
            post(
                "/api/v1/parse",
                """
                {"os": "nxos", "command": "show ip int brief",
                 "text": "IP Interface Status for VRF \\"default\\"(1)\\nInterface            IP Address      Interface Status\\nVlan10               10.10.10.1      protocol-up/link-up/admin-up\\nEth1/4               10.0.14.1       protocol-down/link-down/admin-up\\n"}
                """),
            200);
    assertThat(nxos.path("parsed").get(1).path("vrf").asString()).isEqualTo("default");
    assertThat(nxos.path("parsed").get(1).path("link").asString()).isEqualTo("down");

    JsonNode templates = body(get("/api/v1/parse/templates"), 200);
    assertThat(templates.findValuesAsString("template"))
        .contains("cisco_ios_show_version.textfsm", "linux_ip_brief_addr.textfsm");
    problem(post("/api/v1/parse", "{\"text\": \"x\"}"), 400, "validation");
  }
}
