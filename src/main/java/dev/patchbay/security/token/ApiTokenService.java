package dev.patchbay.security.token;

import dev.patchbay.api.FieldProblem;
import dev.patchbay.api.PatchbayException;
import dev.patchbay.audit.AuditOutcome;
import dev.patchbay.audit.AuditService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues, lists, revokes and checks API tokens. A checked token is remembered for {@code
 * patchbay.auth.token-cache-ttl} so that a busy client costs one hash per request, not one query;
 * revoking evicts it at once here, and every instance evicts tokens revoked elsewhere when {@link
 * RevokedTokenWatch} asks the database for them.
 */
@Service
public class ApiTokenService {

  /** Clock difference between instances tolerated when asking for recent revocations. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  /** How often the last-use time of a token is written (and a token-use audit event recorded). */
  static final Duration USE_RECORDED_EVERY = Duration.ofMinutes(10);

  private static final Pattern NAME = Pattern.compile("[\\w.@-]{1,100}");
  private static final int MAX_REMEMBERED = 10_000;

  private final ApiTokenRepository tokens;
  private final AuditService audit;
  private final Clock clock = Clock.systemUTC();
  private final ConcurrentHashMap<String, Remembered> remembered = new ConcurrentHashMap<>();
  private final Duration remember;

  ApiTokenService(ApiTokenRepository tokens, AuditService audit, AuthProperties properties) {
    this.tokens = tokens;
    this.audit = audit;
    this.remember = properties.tokenCacheTtl();
  }

  /** Why a presented token was refused. */
  public enum Refusal {
    UNKNOWN,
    EXPIRED,
    REVOKED
  }

  /** The outcome of checking a token: a principal or a refusal. */
  public record Check(TokenPrincipal principal, Refusal refusal) {}

  private record Remembered(TokenPrincipal principal, Instant until) {}

  /** Creates a token; the answer is the only place its secret ever appears. */
  @Transactional
  public TokenResponse issue(TokenRequest request, String createdBy) {
    Set<String> testbeds = validate(request);
    String secret = TokenSecrets.generate();
    Instant now = clock.instant();
    ApiToken token =
        tokens.save(
            new ApiToken(
                request.name(),
                request.role(),
                TokenSecrets.hash(secret),
                TokenSecrets.hint(secret),
                testbeds,
                createdBy,
                now,
                request.expiresAt()));
    audit.record(
        createdBy,
        "token.create",
        List.of(),
        AuditOutcome.SUCCESS,
        "token '" + token.getName() + "' role " + token.getRole());
    return TokenResponse.of(token, now, secret);
  }

  /**
   * Stores {@code secret} as an ADMIN token named {@code name} when no token exists yet.
   *
   * @return whether the token was stored
   */
  @Transactional
  public boolean bootstrap(String name, String secret) {
    if (tokens.count() > 0) {
      return false;
    }
    tokens.save(
        new ApiToken(
            name,
            Role.ADMIN,
            TokenSecrets.hash(secret),
            TokenSecrets.hint(secret),
            null,
            "bootstrap",
            clock.instant(),
            null));
    audit.record(
        "bootstrap", "token.create", List.of(), AuditOutcome.SUCCESS, "token '" + name + "'");
    return true;
  }

  @Transactional(readOnly = true)
  public List<TokenResponse> list() {
    Instant now = clock.instant();
    return tokens.findAll().stream().map(t -> TokenResponse.of(t, now)).toList();
  }

  @Transactional(readOnly = true)
  public TokenResponse get(long id) {
    return TokenResponse.of(find(id), clock.instant());
  }

  /** Revokes a token for good; the last active ADMIN token cannot be revoked (no lock-out). */
  @Transactional
  public TokenResponse revoke(long id, String actor) {
    ApiToken token = find(id);
    Instant now = clock.instant();
    if (token.getRole() == Role.ADMIN
        && token.isActive(now)
        && tokens.countActive(Role.ADMIN, now) == 1) {
      throw PatchbayException.conflict(
          "token '" + token.getName() + "' is the last active ADMIN token; create another first");
    }
    token.revoke(now);
    remembered.values().removeIf(r -> r.principal().tokenId() == id);
    audit.record(
        actor, "token.revoke", List.of(), AuditOutcome.SUCCESS, "token '" + token.getName() + "'");
    return TokenResponse.of(token, now);
  }

  /**
   * Evicts remembered checks of tokens revoked through any instance. A check is remembered for the
   * cache lifetime at most, so revocations older than that (plus clock skew) need not be asked for.
   * Blocking; queries nothing while nothing is remembered.
   */
  @Transactional(readOnly = true)
  public void forgetRevokedElsewhere() {
    if (remembered.isEmpty()) {
      return;
    }
    Instant since = clock.instant().minus(remember).minus(CLOCK_SKEW);
    tokens.findHashesRevokedSince(since).forEach(remembered::remove);
  }

  /**
   * The principal of a token checked within the cache lifetime, without touching the database;
   * empty when the token must be {@link #check checked}. Does not block.
   */
  public Optional<TokenPrincipal> remembered(String secret) {
    return remembered(TokenSecrets.hash(secret), clock.instant());
  }

  private Optional<TokenPrincipal> remembered(String hash, Instant now) {
    Remembered known = remembered.get(hash);
    return known != null && now.isBefore(known.until()) && stillValid(known.principal(), now)
        ? Optional.of(known.principal())
        : Optional.empty();
  }

  /** Checks a presented token. Blocking (may query the database). */
  @Transactional
  public Check check(String secret) {
    String hash = TokenSecrets.hash(secret);
    Instant now = clock.instant();
    Optional<TokenPrincipal> known = remembered(hash, now);
    if (known.isPresent()) {
      return new Check(known.get(), null);
    }
    Optional<ApiToken> stored = tokens.findByTokenHash(hash);
    if (stored.isEmpty()) {
      return new Check(null, Refusal.UNKNOWN);
    }
    ApiToken token = stored.get();
    Refusal refusal = refusal(token, now);
    if (refusal != null) {
      return new Check(null, refusal);
    }
    if (token.getLastUsedAt() == null
        || token.getLastUsedAt().plus(USE_RECORDED_EVERY).isBefore(now)) {
      token.used(now);
      audit.record(token.getName(), "token.use", List.of(), AuditOutcome.SUCCESS, null);
    }
    TokenPrincipal principal = principal(token);
    if (remembered.size() >= MAX_REMEMBERED) {
      remembered.clear();
    }
    remembered.put(hash, new Remembered(principal, now.plus(remember)));
    return new Check(principal, null);
  }

  /**
   * Checks the token a terminal ticket was issued to: a token revoked or expired since takes its
   * tickets with it. Blocking.
   */
  @Transactional(readOnly = true)
  public Check checkTicketHolder(long tokenId) {
    Instant now = clock.instant();
    return tokens
        .findById(tokenId)
        .map(
            token -> {
              Refusal refusal = refusal(token, now);
              return refusal != null ? new Check(null, refusal) : new Check(principal(token), null);
            })
        .orElseGet(() -> new Check(null, Refusal.UNKNOWN));
  }

  private static Refusal refusal(ApiToken token, Instant now) {
    if (token.getRevokedAt() != null) {
      return Refusal.REVOKED;
    }
    return token.isActive(now) ? null : Refusal.EXPIRED;
  }

  private static TokenPrincipal principal(ApiToken token) {
    return new TokenPrincipal(
        token.getId(), token.getName(), token.getRole(), token.getTestbeds(), token.getExpiresAt());
  }

  private static boolean stillValid(TokenPrincipal principal, Instant now) {
    return principal.expiresAt() == null || now.isBefore(principal.expiresAt());
  }

  private ApiToken find(long id) {
    return tokens
        .findById(id)
        .orElseThrow(() -> PatchbayException.notFound("token", String.valueOf(id)));
  }

  private Set<String> validate(TokenRequest request) {
    List<FieldProblem> problems = new ArrayList<>();
    if (request.name() == null || !NAME.matcher(request.name()).matches()) {
      problems.add(
          new FieldProblem("name", "is required: 1-100 letters, digits, '_', '.', '@' or '-'"));
    } else if (tokens.existsByName(request.name())) {
      problems.add(new FieldProblem("name", "a token named '" + request.name() + "' exists"));
    }
    if (request.role() == null) {
      problems.add(new FieldProblem("role", "is required: VIEWER, OPERATOR or ADMIN"));
    }
    Set<String> testbeds = null;
    if (request.testbeds() != null) {
      testbeds = new LinkedHashSet<>();
      for (String testbed : request.testbeds()) {
        if (testbed == null || !NAME.matcher(testbed).matches()) {
          problems.add(new FieldProblem("testbeds", "holds a name that is not a testbed name"));
        } else {
          testbeds.add(testbed);
        }
      }
      if (request.role() == Role.ADMIN) {
        problems.add(new FieldProblem("testbeds", "ADMIN tokens reach every testbed"));
      }
      if (request.testbeds().isEmpty()) {
        problems.add(new FieldProblem("testbeds", "names at least one testbed when present"));
      }
    }
    if (request.expiresAt() != null && !request.expiresAt().isAfter(clock.instant())) {
      problems.add(new FieldProblem("expiresAt", "must be in the future"));
    }
    if (!problems.isEmpty()) {
      throw PatchbayException.invalid("the token request is invalid", problems);
    }
    return testbeds;
  }
}
