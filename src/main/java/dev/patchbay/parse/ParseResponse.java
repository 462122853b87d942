package dev.patchbay.parse;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** What {@code POST /api/v1/parse} made of the text. */
@Schema(description = "Records parsed from the text")
public record ParseResponse(
    @Schema(example = "cisco_ios_show_version.textfsm", description = "Template used, or null")
        String template,
    @ArraySchema(
            arraySchema =
                @Schema(
                    description =
                        "One object per record, keys the template's value names in lower case;"
                            + " null when no template was found"),
            schema =
                @Schema(
                    type = "object",
                    additionalProperties = Schema.AdditionalPropertiesValue.TRUE))
        List<Map<String, Object>> parsed,
    @Schema(description = "Why parsed is null, or null") String warning) {

  static ParseResponse of(Parsed parsed) {
    return new ParseResponse(parsed.template(), parsed.records(), parsed.warning());
  }
}
