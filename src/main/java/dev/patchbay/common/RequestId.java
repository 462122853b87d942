package dev.patchbay.common;

import java.util.regex.Pattern;
import org.slf4j.MDC;
import reactor.util.context.ContextView;

/**
 * The request id of {@code X-Request-Id}: accepted from the client when it is a plain token,
 * otherwise generated; carried in the Reactor context under {@link #KEY} and put in the logging MDC
 * under the same key wherever request work runs on a thread ({@link Blocking}).
 */
public final class RequestId {

  /** The header, on requests and every response. */
  public static final String HEADER = "X-Request-Id";

  /** The Reactor context and MDC key. */
  public static final String KEY = "requestId";

  private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private RequestId() {}

  /** Whether a client's id is used as is (else a new one replaces it). */
  public static boolean acceptable(String id) {
    return id != null && ACCEPTED.matcher(id).matches();
  }

  /** The id in {@code context}, or null. */
  public static String of(ContextView context) {
    return context.getOrDefault(KEY, null);
  }

  /** Puts {@code id} (null: none) in the MDC of this thread; answers what it replaced. */
  public static String enter(String id) {
    String previous = MDC.get(KEY);
    if (id == null) {
      MDC.remove(KEY);
    } else {
      MDC.put(KEY, id);
    }
    return previous;
  }
}
