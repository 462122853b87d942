package dev.patchbay.inventory;

import static dev.patchbay.web.OpenApiConfiguration.PRECONDITION_FAILED;

import dev.patchbay.common.Blocking;
import dev.patchbay.web.ETagged;
import dev.patchbay.web.PageResponse;
import dev.patchbay.web.ProblemResponses;
import dev.patchbay.web.Responses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/testbeds}: testbeds and their default credentials (JSON representation). */
@RestController
@ETagged
@RequestMapping("/api/v1/testbeds")
@Tag(name = "Testbeds", description = "Labs: named groups of devices")
public class TestbedController {

  private final TestbedService service;
  private final Blocking blocking;

  TestbedController(TestbedService service, Blocking blocking) {
    this.service = service;
    this.blocking = blocking;
  }

  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(operationId = "listTestbeds", summary = "List testbeds, filtered and paged by name")
  @ApiResponse(responseCode = "200", description = "One page of testbeds")
  @ProblemResponses.Query
  Mono<PageResponse<TestbedResponse>> list(
      @Parameter(description = "Name glob: '*' any run, '?' one character", example = "lab*")
          @RequestParam(required = false)
          String name,
      @RequestParam(defaultValue = "0") int page,
      @Parameter(
              schema =
                  @Schema(
                      type = "integer",
                      format = "int32",
                      minimum = "1",
                      maximum = "500",
                      defaultValue = "50"))
          @RequestParam(defaultValue = "50")
          int size) {
    return blocking.call(() -> service.list(name, page, size));
  }

  @PostMapping(
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(operationId = "createTestbed", summary = "Create a testbed")
  @ApiResponse(responseCode = "201", description = "Created; ETag carries the version")
  @ProblemResponses.Create
  Mono<ResponseEntity<TestbedResponse>> create(@RequestBody TestbedRequest body) {
    return blocking
        .call(() -> service.create(body))
        .map(v -> Responses.created(v, "/api/v1/testbeds/{name}", v.body().name()));
  }

  @GetMapping(path = "/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "getTestbed",
      summary = "Read a testbed, or export it as a pyATS testbed file",
      description =
          "JSON by default. With Accept: application/yaml the testbed is exported as a pyATS"
              + " testbed file: secrets are never written (stored values read '*****', %ASK{} and"
              + " %ENV{} references are written as imported); importing the file again keeps the"
              + " stored secrets.")
  @ApiResponse(
      responseCode = "200",
      description = "The testbed; ETag carries the version (JSON)",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = TestbedResponse.class)),
        @Content(mediaType = "application/yaml", schema = @Schema(type = "string"))
      })
  @ProblemResponses.NotFound
  Mono<ResponseEntity<TestbedResponse>> get(@PathVariable String name) {
    return blocking.call(() -> service.get(name)).map(Responses::ok);
  }

  @PutMapping(
      path = "/{name}",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "replaceTestbed",
      summary = "Replace a testbed",
      description = "'credentials', when present, replace the whole set; when absent they stay.")
  @ApiResponse(responseCode = "200", description = "The replaced testbed")
  @ProblemResponses.Change
  Mono<ResponseEntity<TestbedResponse>> replace(
      @PathVariable String name,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestBody TestbedRequest body) {
    return blocking.call(() -> service.replace(name, body, ifMatch)).map(Responses::ok);
  }

  @PatchMapping(
      path = "/{name}",
      consumes = {DeviceController.MERGE_PATCH, MediaType.APPLICATION_JSON_VALUE},
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "patchTestbed",
      summary = "Change some attributes of a testbed (JSON merge patch, RFC 7386)")
  @ApiResponse(responseCode = "200", description = "The patched testbed")
  @ProblemResponses.Change
  Mono<ResponseEntity<TestbedResponse>> patch(
      @PathVariable String name,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @io.swagger.v3.oas.annotations.media.Content(
                      schema = @Schema(implementation = TestbedRequest.class)))
          @RequestBody
          JsonNode patch) {
    return blocking.call(() -> service.patch(name, patch, ifMatch)).map(Responses::ok);
  }

  @DeleteMapping("/{name}")
  @Operation(
      operationId = "deleteTestbed",
      summary = "Delete a testbed",
      description = "Refused with 409 while devices belong to it, unless cascade=true.")
  @ApiResponse(responseCode = "204", description = "Deleted")
  @ProblemResponses.Delete
  Mono<ResponseEntity<Void>> delete(
      @PathVariable String name,
      @Parameter(description = "Also delete the testbed's devices")
          @RequestParam(defaultValue = "false")
          boolean cascade,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    return blocking
        .run(() -> service.delete(name, cascade, ifMatch))
        .thenReturn(ResponseEntity.noContent().build());
  }

  @PutMapping(
      path = "/{name}/credentials/{credential}",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "supplyTestbedSecret",
      summary = "Supply the secret of a testbed credential (e.g. one marked ASK)",
      description = "Creates the credential when missing; null fields keep the stored values.")
  @ApiResponse(responseCode = "200", description = "The testbed, secrets masked")
  @ProblemResponses.Body
  @ProblemResponses.NotFound
  @ApiResponse(responseCode = "412", ref = PRECONDITION_FAILED)
  Mono<ResponseEntity<TestbedResponse>> supplySecret(
      @PathVariable String name,
      @PathVariable String credential,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestBody CredentialRequest body) {
    return blocking
        .call(() -> service.supplySecret(name, credential, body, ifMatch))
        .map(Responses::ok);
  }
}
