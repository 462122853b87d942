package dev.patchbay.common;

import java.util.regex.Pattern;

/**
 * The request id of {@code X-Request-Id}: accepted from the client when it is a plain token,
 * otherwise generated; carried with the trace id as a {@link Correlation} and put in the logging
 * MDC under {@link #KEY}.
 */
public final class RequestId {

  /** The header, on requests and every response. */
  public static final String HEADER = "X-Request-Id";

  /** The MDC key. */
  public static final String KEY = "requestId";

  private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private RequestId() {}

  /** Whether a client's id is used as is (else a new one replaces it). */
  public static boolean acceptable(String id) {
    return id != null && ACCEPTED.matcher(id).matches();
  }
}
