package dev.patchbay.testsupport;

import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;

/**
 * The ADMIN API token of every test context ({@code patchbay.auth.admin-token} in the test
 * configuration). Component scanning picks this configuration up in every {@code @SpringBootTest},
 * so the auto-configured {@code WebTestClient} sends the token unless a test replaces the header;
 * the authorisation tests use their own tokens.
 */
@Configuration(proxyBeanMethods = false)
public class TestApiToken {

  public static final String ADMIN = "test-admin-token-0123456789abcdefghijklmnop";

  public static String bearer(String token) {
    return "Bearer " + token;
  }

  @Bean
  WebTestClientBuilderCustomizer adminTokenByDefault() {
    return builder -> builder.defaultHeader(HttpHeaders.AUTHORIZATION, bearer(ADMIN));
  }
}
