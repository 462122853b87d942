package dev.patchbay.manager;

import dev.patchbay.api.PatchbayException;
import dev.patchbay.api.ProblemType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts connections reserved per device and per instance, refusing a reservation beyond {@code
 * maxPerDevice} ({@code too-many-connections}, 429) or {@code maxTotal} ({@code
 * capacity-exhausted}, 503). A connection is reserved before it is opened and released when closed.
 */
final class ConnectionLimits {

  private final int maxPerDevice;
  private final int maxTotal;
  private final Map<String, Integer> perDevice = new HashMap<>();
  private int total;

  ConnectionLimits(int maxPerDevice, int maxTotal) {
    this.maxPerDevice = maxPerDevice;
    this.maxTotal = maxTotal;
  }

  synchronized void reserve(String device, int connections) {
    int held = perDevice.getOrDefault(device, 0);
    if (held + connections > maxPerDevice) {
      throw new PatchbayException(
          ProblemType.TOO_MANY_CONNECTIONS,
          "device '"
              + device
              + "' has "
              + held
              + " connection(s); "
              + connections
              + " more would pass the limit of "
              + maxPerDevice,
          List.of(),
          Map.of("limit", maxPerDevice, "held", held));
    }
    if (total + connections > maxTotal) {
      throw new PatchbayException(
          ProblemType.CAPACITY_EXHAUSTED,
          "this instance holds "
              + total
              + " connection(s); "
              + connections
              + " more would pass the limit of "
              + maxTotal,
          List.of(),
          Map.of("limit", maxTotal, "held", total));
    }
    perDevice.put(device, held + connections);
    total += connections;
  }

  synchronized void release(String device, int connections) {
    int left = perDevice.getOrDefault(device, 0) - connections;
    if (left > 0) {
      perDevice.put(device, left);
    } else {
      perDevice.remove(device);
    }
    total = Math.max(0, total - connections);
  }
}
