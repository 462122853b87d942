package dev.patchbay.security.access;

import static dev.patchbay.web.OpenApiConfiguration.FORBIDDEN;
import static dev.patchbay.web.OpenApiConfiguration.UNAUTHORIZED;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * Documents each operation's {@link AccessRule}: the role it needs (in its description), and the
 * 401 and 403 answers; public operations need no token.
 */
@Component
class AccessRulesOpenApiCustomizer implements OpenApiCustomizer {

  @Override
  public void customise(OpenAPI openApi) {
    if (openApi.getPaths() == null) {
      return;
    }
    openApi
        .getPaths()
        .forEach(
            (path, item) -> {
              for (Map.Entry<PathItem.HttpMethod, Operation> entry :
                  item.readOperationsMap().entrySet()) {
                AccessRule rule = ruleFor(HttpMethod.valueOf(entry.getKey().name()), path);
                if (rule != null) {
                  document(entry.getValue(), rule);
                }
              }
            });
  }

  private static void document(Operation operation, AccessRule rule) {
    if (rule.isPublic()) {
      operation.setSecurity(List.of());
      return;
    }
    String needs = "Role: " + rule.role() + ".";
    if (rule.scope() != TestbedScope.NONE) {
      needs += " " + scopeNote(rule.scope());
    }
    String description = operation.getDescription();
    operation.setDescription(description == null ? needs : description + "\n\n" + needs);
    operation.getResponses().addApiResponse("401", new ApiResponse().$ref(UNAUTHORIZED));
    operation.getResponses().addApiResponse("403", forbidden(operation));
  }

  /** Keeps an operation's own 403 (a wrong lease token) and adds the token refusal to it. */
  private static ApiResponse forbidden(Operation operation) {
    ApiResponse own = operation.getResponses().get("403");
    return own == null ? new ApiResponse().$ref(FORBIDDEN) : own;
  }

  private static String scopeNote(TestbedScope scope) {
    switch (scope) {
      case TESTBED_IN_QUERY:
        return "A testbed-scoped token must pass 'testbed'.";
      case UNSCOPED_ONLY:
        return "Not for testbed-scoped tokens.";
      case FILTERED_BY_HANDLER:
        return "A testbed-scoped token sees only what concerns its testbeds' devices.";
      default:
        return "A testbed-scoped token reaches only its testbeds' devices.";
    }
  }

  private static AccessRule ruleFor(HttpMethod method, String path) {
    return AccessRules.all().stream()
        .filter(r -> r.method().equals(method) && r.pattern().equals(path))
        .findFirst()
        .orElse(null);
  }
}
