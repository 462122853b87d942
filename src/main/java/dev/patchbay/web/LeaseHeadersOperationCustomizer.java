package dev.patchbay.web;

import static dev.patchbay.web.OpenApiConfiguration.FENCING_PARAMETER;
import static dev.patchbay.web.OpenApiConfiguration.LEASE_PARAMETER;
import static dev.patchbay.web.OpenApiConfiguration.LOCKED;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.Arrays;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

/**
 * Documents the {@code Patchbay-Lease} and {@code Patchbay-Fencing-Token} headers, and the 423
 * answer when they do not match the device's lease, on every operation whose handler takes {@link
 * LeaseCredentials}.
 */
@Component
class LeaseHeadersOperationCustomizer implements OperationCustomizer {

  @Override
  public Operation customize(Operation operation, HandlerMethod handlerMethod) {
    boolean takesLease =
        Arrays.stream(handlerMethod.getMethodParameters())
            .anyMatch(p -> p.getParameterType() == LeaseCredentials.class);
    if (takesLease) {
      operation.addParametersItem(new Parameter().$ref(LEASE_PARAMETER));
      operation.addParametersItem(new Parameter().$ref(FENCING_PARAMETER));
      operation.getResponses().addApiResponse("423", new ApiResponse().$ref(LOCKED));
    }
    return operation;
  }
}
