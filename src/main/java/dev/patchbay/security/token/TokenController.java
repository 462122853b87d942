package dev.patchbay.security.token;

import static dev.patchbay.web.OpenApiConfiguration.CONFLICT;

import dev.patchbay.common.Blocking;
import dev.patchbay.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code /api/v1/tokens}: API tokens, managed by admins. */
@RestController
@RequestMapping("/api/v1/tokens")
@Tag(name = "Tokens", description = "API tokens and their roles (ADMIN)")
class TokenController {

  private final ApiTokenService tokens;
  private final Blocking blocking;

  TokenController(ApiTokenService tokens, Blocking blocking) {
    this.tokens = tokens;
    this.blocking = blocking;
  }

  @PostMapping(
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "createToken",
      summary = "Create an API token; the answer is the only place the token appears")
  @ApiResponse(responseCode = "201", description = "Created, with the token")
  @ProblemResponses.Body
  Mono<ResponseEntity<TokenResponse>> create(
      @RequestBody TokenRequest body, @AuthenticationPrincipal TokenPrincipal caller) {
    return blocking
        .call(() -> tokens.issue(body, caller.name()))
        .map(t -> ResponseEntity.created(URI.create("/api/v1/tokens/" + t.id())).body(t));
  }

  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(operationId = "listTokens", summary = "List API tokens (never the tokens themselves)")
  @ApiResponse(responseCode = "200", description = "Every token, revoked and expired included")
  Mono<List<TokenResponse>> list() {
    return blocking.call(tokens::list);
  }

  @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(operationId = "getToken", summary = "One API token")
  @ApiResponse(responseCode = "200", description = "The token's details")
  @ProblemResponses.NotFound
  Mono<TokenResponse> get(@PathVariable long id) {
    return blocking.call(() -> tokens.get(id));
  }

  @DeleteMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "revokeToken",
      summary = "Revoke an API token for good (not the last active ADMIN token)")
  @ApiResponse(responseCode = "200", description = "The revoked token")
  @ProblemResponses.NotFound
  @ApiResponse(responseCode = "409", ref = CONFLICT)
  Mono<TokenResponse> revoke(
      @PathVariable long id, @AuthenticationPrincipal TokenPrincipal caller) {
    return blocking.call(() -> tokens.revoke(id, caller.name()));
  }
}
