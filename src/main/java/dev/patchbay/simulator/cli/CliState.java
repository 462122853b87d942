package dev.patchbay.simulator.cli;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A CLI mode (user exec, privileged exec, config, a shell...).
 *
 * @param prompt prompt template, {@code %N} standing for the hostname
 * @param preface text printed whenever the state is entered, or {@code null}
 * @param rules commands in matching order (own rules first, then inherited ones)
 * @param keys single keystrokes with an immediate effect (unicon {@code keys})
 * @param acceptUnknown unknown lines are accepted silently and recorded (configuration modes)
 * @param invalidLines lines rejected even when {@code acceptUnknown}
 * @param configDepth indentation level of lines recorded in this state
 */
public record CliState(
    String name,
    String prompt,
    String preface,
    List<CommandRule> rules,
    Map<String, CommandRule> keys,
    boolean acceptUnknown,
    List<Pattern> invalidLines,
    int configDepth) {}
