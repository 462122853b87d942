package dev.patchbay.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import reactor.core.publisher.Mono;

class ActorsTest {

  private static final Authentication ALICE =
      UsernamePasswordAuthenticationToken.authenticated("alice", null, List.of());

  @Test
  void theAuthenticatedPrincipalActs() {
    assertThat(
            Actors.current()
                .contextWrite(ReactiveSecurityContextHolder.withAuthentication(ALICE))
                .block())
        .isEqualTo("alice");
    assertThat(Actors.of(Mono.just(ALICE)).block()).isEqualTo("alice");
  }

  @Test
  void withoutAnAuthenticatedPrincipalTheSystemActs() {
    Authentication anonymous =
        new AnonymousAuthenticationToken(
            "key", "anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
    Authentication unauthenticated =
        UsernamePasswordAuthenticationToken.unauthenticated("mallory", "guess");
    assertThat(Actors.current().block()).isEqualTo(Actors.SYSTEM);
    assertThat(
            Actors.current()
                .contextWrite(ReactiveSecurityContextHolder.withAuthentication(anonymous))
                .block())
        .isEqualTo(Actors.SYSTEM);
    assertThat(Actors.of(Mono.just(unauthenticated)).block()).isEqualTo(Actors.SYSTEM);
    assertThat(Actors.of(Mono.empty()).block()).isEqualTo(Actors.SYSTEM);
  }
}
