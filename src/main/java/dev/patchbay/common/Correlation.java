package dev.patchbay.common;

import org.slf4j.MDC;
import reactor.util.context.ContextView;

/**
 * The ids that tie a request's log lines together: its {@link RequestId} and the W3C trace id it
 * continues or starts (either may be null). Carried in the Reactor context under {@link #KEY} and
 * put in the logging MDC (keys {@link RequestId#KEY} and {@link #TRACE_ID}) wherever request work
 * runs on a thread ({@link Blocking}).
 */
public record Correlation(String requestId, String traceId) {

  /** The Reactor context and exchange attribute key. */
  public static final String KEY = Correlation.class.getName();

  /** The MDC key of the trace id (Micrometer Tracing's own, so its scopes agree). */
  public static final String TRACE_ID = "traceId";

  private static final Correlation NONE = new Correlation(null, null);

  /** The ids in {@code context}, or none. */
  public static Correlation of(ContextView context) {
    return context.getOrDefault(KEY, NONE);
  }

  /**
   * The ids {@code value} (an exchange attribute) holds, or none. Not an overload of {@link
   * #of(ContextView)}: a generic {@code getAttribute} result would be inferred as a ContextView.
   */
  public static Correlation ofAttribute(Object value) {
    return value instanceof Correlation correlation ? correlation : NONE;
  }

  /** Puts these ids in the MDC of this thread; answers what they replaced, to restore it after. */
  public Correlation enter() {
    Correlation previous = new Correlation(MDC.get(RequestId.KEY), MDC.get(TRACE_ID));
    put(RequestId.KEY, requestId);
    put(TRACE_ID, traceId);
    return previous;
  }

  private static void put(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
