package dev.patchbay.io;

import dev.patchbay.api.ProblemType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SSH key exchange found no algorithm both sides offer: the problem names what failed ({@code
 * algorithm}: kex, host key, cipher, MAC), both sides' lists, and the {@code ssh_options} that
 * would help ({@code suggestion}) when Patchbay has one of the device's algorithms.
 */
public class SshNegotiationFailedException extends ConnectionException {

  public SshNegotiationFailedException(
      String detail,
      String algorithm,
      List<String> deviceOffers,
      List<String> patchbayOffers,
      String suggestion,
      Throwable cause) {
    super(
        ProblemType.SSH_NEGOTIATION_FAILED,
        detail,
        null,
        cause,
        properties(algorithm, deviceOffers, patchbayOffers, suggestion));
  }

  private static Map<String, Object> properties(
      String algorithm, List<String> deviceOffers, List<String> patchbayOffers, String suggestion) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("algorithm", algorithm);
    properties.put("deviceOffers", List.copyOf(deviceOffers));
    properties.put("patchbayOffers", List.copyOf(patchbayOffers));
    if (suggestion != null) {
      properties.put("suggestion", suggestion);
    }
    return properties;
  }
}
