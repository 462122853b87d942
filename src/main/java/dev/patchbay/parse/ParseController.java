package dev.patchbay.parse;

import static dev.patchbay.web.OpenApiConfiguration.UNPROCESSABLE;

import dev.patchbay.api.FieldProblem;
import dev.patchbay.api.PatchbayException;
import dev.patchbay.common.Blocking;
import dev.patchbay.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code /api/v1/parse}: the templates available and parsing given text, to write and try templates
 * without a device. Template files are read and regexes run on a virtual thread.
 */
@RestController
@RequestMapping("/api/v1/parse")
@Tag(name = "Parsing", description = "TextFSM templates that turn command output into records")
public class ParseController {

  private final ParseService service;
  private final Blocking blocking;

  ParseController(ParseService service, Blocking blocking) {
    this.service = service;
    this.blocking = blocking;
  }

  @GetMapping(path = "/templates", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "listParseTemplates",
      summary = "List the templates and the commands they are chosen for",
      description = "Rows of the templates directory's index first, then the built-in ones.")
  @ApiResponse(responseCode = "200", description = "Index rows in lookup order")
  Mono<List<TemplateInfo>> templates() {
    return blocking.call(service::templates);
  }

  @PostMapping(
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "parseText",
      summary = "Parse text with a template",
      description =
          "422 parse-failed names the template and its line ('template', 'line') when the"
              + " template is invalid or its Error rule matched.")
  @ApiResponse(responseCode = "200", description = "The records")
  @ProblemResponses.Body
  @ApiResponse(responseCode = "422", ref = UNPROCESSABLE)
  Mono<ParseResponse> parse(@RequestBody ParseRequest body) {
    return blocking.call(() -> ParseResponse.of(run(validated(body))));
  }

  private Parsed run(ParseRequest body) {
    if (body.templateText() != null) {
      return service.parse(service.inline(body.templateText()), body.text());
    }
    Optional<ParseTemplate> template =
        service.choose(body.os(), body.platform(), body.command(), body.template(), "template");
    return service.parse(template, body.os(), body.platform(), body.command(), body.text());
  }

  private static ParseRequest validated(ParseRequest body) {
    if (body == null || body.text() == null) {
      throw invalid("text", "is required");
    }
    int ways =
        (body.template() != null ? 1 : 0)
            + (body.templateText() != null ? 1 : 0)
            + (body.command() != null ? 1 : 0);
    if (ways != 1) {
      throw invalid("template", "give exactly one of template, templateText or command");
    }
    return body;
  }

  private static PatchbayException invalid(String field, String message) {
    return PatchbayException.invalid(
        "the request has invalid fields", List.of(new FieldProblem(field, message)));
  }
}
