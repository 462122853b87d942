package dev.patchbay.simulator.cli;

import java.util.List;

/**
 * One command a CLI state understands and what answering it does.
 *
 * @param pattern what input selects this rule
 * @param response printed output (templates: {@code %N} hostname, {@code {arg}} arguments, {@code
 *     {config}} recorded configuration, {@code {user}}, {@code {length}}, {@code {width}})
 * @param newState state entered after the response, or {@code null}
 * @param action built-in side effect, or {@code null}
 * @param password password prompt to pass first, or {@code null}
 * @param dialog questions asked (one answer each) before the response
 * @param record whether the input line is added to the running configuration
 * @param faults misbehaviour
 * @param exitStatus exit status reported on an SSH exec channel
 */
public record CommandRule(
    CommandPattern pattern,
    ResponseText response,
    String newState,
    CommandAction action,
    PasswordCheck password,
    List<String> dialog,
    boolean record,
    FaultBehaviour faults,
    int exitStatus) {}
