package dev.patchbay.recording;

import dev.patchbay.api.FieldProblem;
import dev.patchbay.api.PatchbayException;
import dev.patchbay.common.Blocking;
import dev.patchbay.security.token.TokenPrincipal;
import dev.patchbay.web.PageResponse;
import dev.patchbay.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.data.domain.Page;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code /api/v1/recordings}: list session recordings and download them as asciicast v2. */
@RestController
@RequestMapping("/api/v1/recordings")
@Tag(name = "Recordings", description = "Terminal session recordings (asciicast v2)")
class RecordingController {

  static final String ASCIICAST = "application/x-asciicast";
  private static final int MAX_SIZE = 500;

  private final Recordings recordings;
  private final Blocking blocking;

  RecordingController(Recordings recordings, Blocking blocking) {
    this.recordings = recordings;
    this.blocking = blocking;
  }

  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "listRecordings",
      summary = "List recordings, newest first",
      description =
          "Filters combine; from (inclusive) and to (exclusive) bound the start time. Recordings"
              + " hold what was typed and everything the device printed, so they need OPERATOR,"
              + " like running the commands would; a testbed-scoped token sees only its"
              + " testbeds' devices.")
  @ApiResponse(responseCode = "200", description = "One page of recordings")
  @ProblemResponses.Query
  Mono<PageResponse<RecordingResponse>> list(
      @RequestParam(required = false) String device,
      @RequestParam(required = false) String alias,
      @Parameter(example = "2026-11-25T00:00:00Z") @RequestParam(required = false) Instant from,
      @Parameter(example = "2026-11-26T00:00:00Z") @RequestParam(required = false) Instant to,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size,
      @AuthenticationPrincipal TokenPrincipal caller) {
    if (page < 0 || size < 1 || size > MAX_SIZE) {
      throw PatchbayException.invalid(
          "invalid paging",
          List.of(
              new FieldProblem("page", "must be 0 or more"),
              new FieldProblem("size", "must be between 1 and " + MAX_SIZE)));
    }
    return blocking.call(
        () -> {
          Page<Recording> found =
              recordings.list(device, alias, from, to, caller.testbeds(), page, size);
          return new PageResponse<>(
              found.getContent().stream().map(RecordingResponse::of).toList(),
              found.getNumber(),
              found.getSize(),
              found.getTotalElements(),
              found.getTotalPages());
        });
  }

  @GetMapping(path = "/{id}", produces = ASCIICAST)
  @Operation(
      operationId = "downloadRecording",
      summary = "Download a recording as asciicast v2",
      description =
          "A header line, then one [seconds, code, data] line per event: 'o' output, 'i' input"
              + " (never typed at a password prompt), 'r' resize as COLSxROWS. A live session's"
              + " recording is returned as far as it has been written. A recording of a device"
              + " outside a scoped token's testbeds is answered 404 as if absent.")
  @ApiResponse(
      responseCode = "200",
      description = "The recording",
      content = @Content(mediaType = ASCIICAST, schema = @Schema(type = "string")))
  @ProblemResponses.NotFound
  Mono<ResponseEntity<Resource>> download(
      @PathVariable long id, @AuthenticationPrincipal TokenPrincipal caller) {
    return blocking.call(
        () -> {
          Path file = recordings.file(id, caller.testbeds());
          return ResponseEntity.ok()
              .contentType(MediaType.parseMediaType(ASCIICAST))
              .header("Content-Disposition", "inline; filename=\"recording-" + id + ".cast\"")
              .body(new FileSystemResource(file));
        });
  }
}
