package dev.patchbay.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.PatchbayException;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.lang.annotation.ElementType;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * The shared HTTP plumbing of {@code web} in a WebFlux slice (no database, no devices, no security
 * filters): problem documents rendered by {@link ProblemHandler}, ETags and {@code If-Match},
 * paging limits and JSON merge patch, through a small controller of this test. Starts in a fraction
 * of the time of the full application.
 */
@WebFluxTest(
    controllers = WebPlumbingSliceTest.PlumbingController.class,
    // the cluster's routing filters need the database; this slice serves one instance
    excludeFilters =
        @ComponentScan.Filter(type = FilterType.REGEX, pattern = "dev\\.patchbay\\.cluster\\..*"),
    excludeAutoConfiguration = {
      ReactiveWebSecurityAutoConfiguration.class,
      ReactiveUserDetailsServiceAutoConfiguration.class
    })
@Import({WebPlumbingSliceTest.PlumbingController.class, ProblemWriter.class})
class WebPlumbingSliceTest {

  private static final String PROBLEMS = "https://patchbay.dev/problems/";

  @Autowired WebTestClient client;
  @Autowired Validator validator;

  /**
   * The slice has no JPA, so Hibernate Validator's JPA-aware traversable resolver would look the
   * persistence providers up (reading jars) on the first request, on a Reactor thread, where the
   * BlockHound listener of this JVM ({@code NoBlockingOnEventLoop}) rightly calls it blocking. The
   * full application resolves them at start-up; here validation does not consult JPA at all.
   */
  @TestConfiguration(proxyBeanMethods = false)
  static class ValidationWithoutJpa {

    @Bean
    LocalValidatorFactoryBean defaultValidator() {
      LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
      validator.setTraversableResolver(
          new TraversableResolver() {
            @Override
            public boolean isReachable(
                Object bean, Path.Node node, Class<?> root, Path path, ElementType type) {
              return true;
            }

            @Override
            public boolean isCascadable(
                Object bean, Path.Node node, Class<?> root, Path path, ElementType type) {
              return true;
            }
          });
      return validator;
    }
  }

  /** Loads the validator's message bundles on this (blocking-allowed) thread, not a Reactor one. */
  @BeforeEach
  void warmUpValidation() {
    assertThat(validator.validate(new Thing(" ", 0, null, null))).hasSize(2);
  }

  record Thing(@NotBlank String name, @Min(1) @Max(65535) int port, String note, Long version) {}

  @RestController
  @RequestMapping("/plumbing")
  static class PlumbingController {

    private static final long CURRENT = 3;

    private final JsonMapper json;

    PlumbingController(JsonMapper json) {
      this.json = json;
    }

    @GetMapping("/things/{name}")
    ResponseEntity<Thing> get(@PathVariable String name) {
      if (name.equals("missing")) {
        throw PatchbayException.notFound("thing", name);
      }
      return Responses.ok(new Versioned<>(new Thing(name, 22, null, CURRENT), CURRENT));
    }

    @PutMapping("/things/{name}")
    ResponseEntity<Thing> put(
        @PathVariable String name,
        @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
        @Valid @RequestBody Thing body) {
      Versions.check(ifMatch, body.version(), CURRENT);
      return Responses.ok(new Versioned<>(body, CURRENT + 1));
    }

    @PostMapping("/things")
    Mono<ResponseEntity<Thing>> create(@Valid @RequestBody Thing body) {
      return Mono.just(
          Responses.created(new Versioned<>(body, 0), "/plumbing/things/{name}", body.name()));
    }

    @PatchMapping(path = "/things/{name}", consumes = "application/merge-patch+json")
    Thing patch(@PathVariable String name, @RequestBody JsonNode patch) {
      return MergePatch.apply(json, new Thing(name, 22, "keep", CURRENT), patch, Thing.class);
    }

    @GetMapping("/things")
    PageResponse<String> list(
        @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "2") int size) {
      Paging.check(page, size);
      List<String> all = IntStream.range(0, 5).mapToObj(i -> "t" + i).toList();
      int from = Math.min(page * size, all.size());
      return PageResponse.of(
          new PageImpl<>(
              all.subList(from, Math.min(from + size, all.size())),
              PageRequest.of(page, size),
              all.size()),
          s -> s);
    }

    @GetMapping("/failures/{kind}")
    String fail(@PathVariable String kind) {
      throw switch (kind) {
        case "stale" -> new OptimisticLockingFailureException("row was updated by another tx");
        case "integrity" ->
            new DataIntegrityViolationException("duplicate key value violates uq_thing_name");
        default -> new IllegalStateException("internal detail: /var/lib/patchbay/secret.key");
      };
    }
  }

  private WebTestClient.BodyContentSpec problem(WebTestClient.ResponseSpec response, int status) {
    return response
        .expectStatus()
        .isEqualTo(status)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody();
  }

  @Test
  void aPatchbayExceptionIsAProblemWithItsTypeTitleAndStatus() {
    problem(client.get().uri("/plumbing/things/missing").exchange(), 404)
        .jsonPath("$.type")
        .isEqualTo(PROBLEMS + "not-found")
        .jsonPath("$.title")
        .isEqualTo("Not found")
        .jsonPath("$.status")
        .isEqualTo(404)
        .jsonPath("$.detail")
        .isEqualTo("thing 'missing' does not exist");
  }

  @Test
  void frameworkAndDataFailuresGetStableTypesWithoutInternals() {
    problem(client.get().uri("/plumbing/failures/stale").exchange(), 409)
        .jsonPath("$.type")
        .isEqualTo(PROBLEMS + "stale-version")
        .jsonPath("$.detail")
        .value(d -> assertThat((String) d).doesNotContain("another tx"));
    problem(client.get().uri("/plumbing/failures/integrity").exchange(), 409)
        .jsonPath("$.type")
        .isEqualTo(PROBLEMS + "conflict")
        .jsonPath("$.detail")
        .value(d -> assertThat((String) d).doesNotContain("uq_thing_name"));
    problem(client.get().uri("/plumbing/failures/boom").exchange(), 500)
        .jsonPath("$.type")
        .isEqualTo(PROBLEMS + "internal")
        .jsonPath("$.detail")
        .value(d -> assertThat((String) d).doesNotContain("secret.key"));
  }

  @Test
  void invalidFieldsAreListedInAValidationProblem() {
    problem(
            client
                .post()
                .uri("/plumbing/things")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \" \", \"port\": 70000}")
                .exchange(),
            400)
        .jsonPath("$.type")
        .isEqualTo(PROBLEMS + "validation")
        .jsonPath("$.errors[?(@.field == 'name')]")
        .exists()
        .jsonPath("$.errors[?(@.field == 'port')].message")
        .isEqualTo(List.of("must be less than or equal to 65535"));
  }

  @Test
  void unreadableBodiesAreMalformedAndNeverEchoASecret() {
    problem(
            client
                .post()
                .uri("/plumbing/things")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"x\", \"port\": ")
                .exchange(),
            400)
        .jsonPath("$.type")
        .isEqualTo(PROBLEMS + "malformed-request")
        .jsonPath("$.detail")
        .value(d -> assertThat((String) d).startsWith("the request body is not valid JSON"));
    problem(
            client
                .post()
                .uri("/plumbing/things")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"x\", \"port\": \"Hunter2-Secret\"}")
                .exchange(),
            400)
        .jsonPath("$.type")
        .isEqualTo(PROBLEMS + "malformed-request")
        .jsonPath("$.detail")
        .value(d -> assertThat((String) d).contains("port"));
  }

  @Test
  void anUnsupportedContentTypeIsAProblemToo() {
    problem(
            client
                .post()
                .uri("/plumbing/things")
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("name=x")
                .exchange(),
            415)
        .jsonPath("$.type")
        .isEqualTo(PROBLEMS + "unsupported-media-type");
  }

  @Test
  void responsesCarryTheVersionAsAStrongEtagAndCreatedALocation() {
    client
        .get()
        .uri("/plumbing/things/r1")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals(HttpHeaders.ETAG, "\"3\"");
    client
        .post()
        .uri("/plumbing/things")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"name\": \"new one\", \"port\": 22}")
        .exchange()
        .expectStatus()
        .isCreated()
        .expectHeader()
        .valueEquals(HttpHeaders.LOCATION, "/plumbing/things/new%20one")
        .expectHeader()
        .valueEquals(HttpHeaders.ETAG, "\"0\"");
  }

  @Test
  void ifMatchMustNameTheCurrentVersionAndABodyVersionMustNotBeStale() {
    String body = "{\"name\": \"r1\", \"port\": 22}";
    for (String ifMatch : List.of("\"3\"", "*", "\"1\", \"3\"")) {
      client
          .put()
          .uri("/plumbing/things/r1")
          .header(HttpHeaders.IF_MATCH, ifMatch)
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue(body)
          .exchange()
          .expectStatus()
          .isOk()
          .expectHeader()
          .valueEquals(HttpHeaders.ETAG, "\"4\"");
    }
    problem(
            client
                .put()
                .uri("/plumbing/things/r1")
                .header(HttpHeaders.IF_MATCH, "W/\"3\"")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange(),
            412)
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).contains("weak tags (W/) never match"));
    problem(
            client
                .put()
                .uri("/plumbing/things/r1")
                .header(HttpHeaders.IF_MATCH, "\"2\"")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange(),
            412)
        .jsonPath("$.type")
        .isEqualTo(PROBLEMS + "precondition-failed")
        .jsonPath("$.currentVersion")
        .isEqualTo(3);
    problem(
            client
                .put()
                .uri("/plumbing/things/r1")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"r1\", \"port\": 22, \"version\": 2}")
                .exchange(),
            409)
        .jsonPath("$.type")
        .isEqualTo(PROBLEMS + "stale-version")
        .jsonPath("$.currentVersion")
        .isEqualTo(3);
  }

  @Test
  void pagesReportTheirPositionAndLimitsAreValidated() {
    client
        .get()
        .uri("/plumbing/things?page=2&size=2")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.items")
        .isEqualTo(List.of("t4"))
        .jsonPath("$.page")
        .isEqualTo(2)
        .jsonPath("$.size")
        .isEqualTo(2)
        .jsonPath("$.totalItems")
        .isEqualTo(5)
        .jsonPath("$.totalPages")
        .isEqualTo(3);
    problem(client.get().uri("/plumbing/things?page=-1&size=501").exchange(), 400)
        .jsonPath("$.type")
        .isEqualTo(PROBLEMS + "validation")
        .jsonPath("$.errors[0].field")
        .isEqualTo("page")
        .jsonPath("$.errors[1].field")
        .isEqualTo("size")
        .jsonPath("$.errors[1].message")
        .isEqualTo("must be between 1 and 500");
  }

  @Test
  void aMergePatchSetsReplacesAndRemovesMembers() {
    client
        .patch()
        .uri("/plumbing/things/r1")
        .contentType(MediaType.parseMediaType("application/merge-patch+json"))
        .bodyValue("{\"port\": 2222, \"note\": null}")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.name")
        .isEqualTo("r1")
        .jsonPath("$.port")
        .isEqualTo(2222)
        .jsonPath("$.note")
        .doesNotExist();
    problem(
            client
                .patch()
                .uri("/plumbing/things/r1")
                .contentType(MediaType.parseMediaType("application/merge-patch+json"))
                .bodyValue("[1, 2]")
                .exchange(),
            400)
        .jsonPath("$.type")
        .isEqualTo(PROBLEMS + "malformed-request")
        .jsonPath("$.detail")
        .isEqualTo("a merge patch must be a JSON object");
    problem(
            client
                .patch()
                .uri("/plumbing/things/r1")
                .contentType(MediaType.parseMediaType("application/merge-patch+json"))
                .bodyValue("{\"port\": \"not a number\"}")
                .exchange(),
            400)
        .jsonPath("$.type")
        .isEqualTo(PROBLEMS + "malformed-request");
  }
}
