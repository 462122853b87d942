package dev.patchbay.inventory.pyats;

import dev.patchbay.api.FieldProblem;
import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import dev.patchbay.common.Blocking;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** pyATS testbed files: import a file into the inventory, export a testbed as a file. */
@RestController
@RequestMapping("/api/v1/testbeds")
@Tag(name = "Testbed files", description = "pyATS testbed YAML import and export")
class TestbedFileController {

  static final String YAML = "application/yaml";
  private static final String PROBLEM = "application/problem+json";

  private final TestbedImporter importer;
  private final TestbedExporter exporter;
  private final Blocking blocking;

  TestbedFileController(TestbedImporter importer, TestbedExporter exporter, Blocking blocking) {
    this.importer = importer;
    this.exporter = exporter;
    this.blocking = blocking;
  }

  @PostMapping(
      path = "/import",
      consumes = {YAML, "application/x-yaml", "text/yaml"},
      produces = "application/json")
  @Operation(
      operationId = "importTestbed",
      summary = "Import a pyATS testbed file",
      description =
          "Creates or updates the testbed named by testbed.name (else ?name=, else the uploaded"
              + " file's name) and its devices in one transaction. merge keeps the testbed's"
              + " devices missing from the file, replace deletes them, dry-run only reports. Any"
              + " error changes nothing; errors carry the YAML path and line. A '*****' secret"
              + " keeps the value stored at the same path. The body is the YAML file, or a"
              + " multipart/form-data upload: part 'file' (the file, with its file name) and"
              + " optional parts 'env' of NAME=value lines giving values for %ENV{NAME}; a"
              + " reference without a value is kept and read from Patchbay's environment when a"
              + " connection opens.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content = @Content(mediaType = YAML, schema = @Schema(type = "string"))),
      responses = {
        @ApiResponse(
            responseCode = "201",
            description = "Testbed created",
            content = @Content(schema = @Schema(implementation = ImportResult.class))),
        @ApiResponse(
            responseCode = "200",
            description = "Testbed updated, or dry-run report",
            content = @Content(schema = @Schema(implementation = ImportResult.class))),
        @ApiResponse(
            responseCode = "400",
            description = "Invalid file (errors: field = YAML path, line)",
            content =
                @Content(
                    mediaType = PROBLEM,
                    schema = @Schema(ref = "#/components/schemas/Problem"))),
        @ApiResponse(
            responseCode = "409",
            description = "A device of the file belongs to another testbed",
            content =
                @Content(
                    mediaType = PROBLEM,
                    schema = @Schema(ref = "#/components/schemas/Problem"))),
        @ApiResponse(
            responseCode = "415",
            description = "Body is not YAML",
            content =
                @Content(
                    mediaType = PROBLEM,
                    schema = @Schema(ref = "#/components/schemas/Problem")))
      })
  Mono<ResponseEntity<ImportResult>> importTestbed(
      @RequestBody String file,
      @Parameter(schema = @Schema(allowableValues = {"merge", "replace", "dry-run"}))
          @RequestParam(defaultValue = "merge")
          String mode,
      @Parameter(description = "Testbed name when the file has no testbed.name")
          @RequestParam(required = false)
          String name) {
    return importUpload(TestbedUpload.of(file), mode(mode), name);
  }

  /**
   * The same operation as a form upload, described in {@link #importTestbed}'s text only: the Java
   * client generator cannot build a method for two request body types.
   */
  @PostMapping(
      path = "/import",
      consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
      produces = "application/json")
  @Operation(hidden = true)
  Mono<ResponseEntity<ImportResult>> importForm(
      ServerWebExchange exchange,
      @RequestParam(defaultValue = "merge") String mode,
      @RequestParam(required = false) String name) {
    ImportMode importMode = mode(mode);
    return exchange
        .getMultipartData()
        .onErrorMap(
            DataBufferLimitException.class,
            e ->
                new PatchbayException(
                    ProblemType.PAYLOAD_TOO_LARGE, "a part of the upload is too large"))
        .onErrorMap(
            DecodingException.class,
            e ->
                new PatchbayException(
                    ProblemType.MALFORMED_REQUEST,
                    "the multipart/form-data body cannot be read: " + e.getMessage()))
        .flatMap(UploadedTestbed::read)
        .flatMap(upload -> importUpload(upload, importMode, name));
  }

  private Mono<ResponseEntity<ImportResult>> importUpload(
      TestbedUpload upload, ImportMode mode, String name) {
    return blocking
        .call(() -> importer.importFile(upload, mode, name))
        .map(
            outcome ->
                ResponseEntity.status(outcome.created() ? HttpStatus.CREATED : HttpStatus.OK)
                    .body(outcome.result()));
  }

  private static ImportMode mode(String mode) {
    return ImportMode.parse(mode)
        .orElseThrow(
            () ->
                PatchbayException.invalid(
                    "unknown import mode",
                    List.of(new FieldProblem("mode", "must be merge, replace or dry-run"))));
  }

  /** Documented as the {@code application/yaml} representation of {@code getTestbed}. */
  @GetMapping(path = "/{name}", produces = YAML)
  @Operation(hidden = true)
  Mono<String> exportTestbed(@PathVariable String name) {
    return blocking.call(() -> exporter.export(name));
  }
}
