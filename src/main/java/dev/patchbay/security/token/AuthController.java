package dev.patchbay.security.token;

import dev.patchbay.common.Blocking;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code /api/v1/auth}: who the caller is, and tickets for the terminal WebSocket. */
@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Auth", description = "The calling token and terminal tickets")
class AuthController {

  private final TerminalTickets tickets;
  private final Blocking blocking;

  AuthController(TerminalTickets tickets, Blocking blocking) {
    this.tickets = tickets;
    this.blocking = blocking;
  }

  @GetMapping(path = "/me", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(operationId = "whoAmI", summary = "The calling token's name, role and testbeds")
  @ApiResponse(responseCode = "200", description = "The caller")
  TokenPrincipal me(@AuthenticationPrincipal TokenPrincipal caller) {
    return caller;
  }

  @PostMapping(path = "/tickets", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      operationId = "createTerminalTicket",
      summary = "A single-use ticket for the terminal WebSocket (?ticket=…), valid for seconds",
      description =
          "Browsers cannot send the Authorization header on a WebSocket; they fetch a ticket with"
              + " it and open the terminal with ?ticket=<ticket>. Other clients may send the"
              + " header on the handshake instead.")
  @ApiResponse(responseCode = "201", description = "The ticket")
  Mono<TerminalTickets.Ticket> ticket(@AuthenticationPrincipal TokenPrincipal caller) {
    return blocking.call(() -> tickets.issue(caller));
  }
}
