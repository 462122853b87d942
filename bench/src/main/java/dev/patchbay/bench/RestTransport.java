package dev.patchbay.bench;

import java.net.URI;
import java.util.Map;

/** How the driver sends one REST request and reads the whole answer. */
interface RestTransport extends AutoCloseable {

  /** One answer: status code and body. */
  record Reply(int status, String body) {}

  /** Sends {@code method uri} with {@code headers} and, unless null, a JSON body. */
  Reply send(String method, URI uri, Map<String, String> headers, String json);

  @Override
  void close();
}
