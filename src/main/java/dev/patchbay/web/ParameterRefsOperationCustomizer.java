package dev.patchbay.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

/**
 * Leaves a parameter declared as {@code @Parameter(ref = ...)} a bare reference: springdoc copies
 * the name, {@code required} and schema of the Java parameter beside the {@code $ref}, where they
 * are ignored by the spec (Redocly's {@code spec-ref-siblings}) but read by some generators, which
 * then see a required header as optional.
 */
@Component
class ParameterRefsOperationCustomizer implements OperationCustomizer {

  @Override
  public Operation customize(Operation operation, HandlerMethod handlerMethod) {
    if (operation.getParameters() != null) {
      operation
          .getParameters()
          .replaceAll(p -> p.get$ref() == null ? p : new Parameter().$ref(p.get$ref()));
    }
    return operation;
  }
}
