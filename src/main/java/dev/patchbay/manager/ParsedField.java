package dev.patchbay.manager;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The OpenAPI description of a {@code parsed} member: a list of free-form objects. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({
  ElementType.FIELD,
  ElementType.METHOD,
  ElementType.PARAMETER,
  ElementType.RECORD_COMPONENT
})
@ArraySchema(
    arraySchema =
        @Schema(
            description =
                "With parse or template: one object per record, keys the template's value names"
                    + " in lower case; null when not asked or no template matched (see warning)"),
    schema = @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE))
@interface ParsedField {}
