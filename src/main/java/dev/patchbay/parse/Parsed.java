package dev.patchbay.parse;

import java.util.List;
import java.util.Map;

/**
 * The structured form of one command's output.
 *
 * @param records one object per row, keys the lower-cased value names; null when no template
 * @param template the template used, or null
 * @param warning why there are no records (no template for the command), or null
 */
public record Parsed(List<Map<String, Object>> records, String template, String warning) {}
