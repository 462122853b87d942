package dev.patchbay.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.Map;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.ResolvableType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

/**
 * Models the response headers generated clients read: {@code Location} on every 201 and 202, and
 * {@code ETag} on the 200 and 201 answers of {@link ETagged} controllers.
 */
@Component
class ResponseHeadersOperationCustomizer implements OperationCustomizer {

  static final String LOCATION = "#/components/headers/Location";
  static final String ETAG = "#/components/headers/ETag";

  @Override
  public Operation customize(Operation operation, HandlerMethod handlerMethod) {
    if (operation.getResponses() == null) {
      return operation;
    }
    boolean tagged =
        handlerMethod.getBeanType().isAnnotationPresent(ETagged.class)
            && answersABody(handlerMethod);
    for (Map.Entry<String, ApiResponse> entry : operation.getResponses().entrySet()) {
      ApiResponse response = entry.getValue();
      if (response.get$ref() != null) {
        continue;
      }
      String code = entry.getKey();
      if (code.equals("201") || code.equals("202")) {
        response.addHeaderObject("Location", new Header().$ref(LOCATION));
      }
      if (tagged && (code.equals("200") || code.equals("201"))) {
        response.addHeaderObject("ETag", new Header().$ref(ETAG));
      }
    }
    return operation;
  }

  /** Whether the handler answers a {@code ResponseEntity} with a body (not {@code Void}). */
  private static boolean answersABody(HandlerMethod handlerMethod) {
    ResolvableType type = ResolvableType.forMethodReturnType(handlerMethod.getMethod());
    ResolvableType entity = type.getGeneric(0);
    return entity.toClass() == ResponseEntity.class && entity.getGeneric(0).toClass() != Void.class;
  }
}
