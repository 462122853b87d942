package dev.patchbay.web;

import dev.patchbay.api.ProblemType;
import dev.patchbay.api.Problems;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers requests the HTTP codec could not decode (an over-long request line: 414, too large
 * headers: 431, anything else: 400) with a problem, as every other refusal, and always answers
 * them. Reactor Netty answers them itself with an empty body, and a request line that failed on a
 * kept-alive connection while the previous answer was still being completed could go unanswered.
 * Here such a request never reaches Reactor Netty: it is answered as soon as the answers to earlier
 * requests on the connection are written, then the connection closes gracefully (output shut down,
 * what the client still sends read and dropped until it closes its side or {@link #LINGER} passes,
 * since closing with unread bytes makes the kernel reset the connection, which can destroy the
 * answer before the client reads it). Refusals Reactor Netty still writes itself (a broken chunked
 * body) get the problem body on their way out. One instance per connection, right behind the codec.
 */
final class RefusalBodies extends ChannelDuplexHandler {

  static final Duration LINGER = Duration.ofSeconds(2);

  private final JsonMapper json;
  private final int maxInitialLineLength;
  private final int maxHeaderSize;

  /** Requests passed on whose answer is not completely written yet. */
  private int answering;

  /** Why the connection is being refused (waiting for earlier answers), or null. */
  private Throwable refusing;

  /** The refusal written, or null. */
  private ChannelFuture refusal;

  RefusalBodies(JsonMapper json, int maxInitialLineLength, int maxHeaderSize) {
    this.json = json;
    this.maxInitialLineLength = maxInitialLineLength;
    this.maxHeaderSize = maxHeaderSize;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (refusing != null || refusal != null) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpRequest request && request.decoderResult().isFailure()) {
      refusing = request.decoderResult().cause();
      ReferenceCountUtil.release(msg);
      ctx.channel().config().setAutoRead(true);
      if (answering == 0) {
        refuse(ctx);
      }
      return;
    }
    if (msg instanceof HttpRequest) {
      answering++;
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof FullHttpResponse response && isCodecRefusal(response)) {
      FullHttpResponse withBody = problem(response.status());
      withBody.headers().set(response.headers());
      withBody.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json");
      withBody.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, withBody.content().readableBytes());
      response.release();
      refusal = promise;
      ctx.write(withBody, promise);
      return;
    }
    boolean ends = msg instanceof LastHttpContent && !isInformational(msg);
    ctx.write(msg, promise);
    if (ends && answering > 0 && --answering == 0 && refusing != null) {
      promise.addListener(written -> refuse(ctx));
    }
  }

  @Override
  public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
    if (refusal == null) {
      ctx.close(promise);
      return;
    }
    ctx.flush();
    linger(ctx, promise);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (refusal != null && event instanceof ChannelInputShutdownEvent) {
      ctx.close();
      return;
    }
    ctx.fireUserEventTriggered(event);
  }

  /** Writes the refusal of the undecodable request, then closes gracefully. */
  private void refuse(ChannelHandlerContext ctx) {
    HttpResponseStatus status =
        refusing instanceof TooLongHttpLineException
            ? HttpResponseStatus.REQUEST_URI_TOO_LONG
            : refusing instanceof TooLongHttpHeaderException
                ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                : HttpResponseStatus.BAD_REQUEST;
    refusing = null;
    FullHttpResponse response = problem(status);
    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    refusal = ctx.writeAndFlush(response);
    linger(ctx, ctx.newPromise());
  }

  /** Once the refusal is written: shuts output down, drops input, closes after the linger. */
  private void linger(ChannelHandlerContext ctx, ChannelPromise closed) {
    refusal.addListener(
        written -> {
          ctx.executor()
              .schedule(() -> ctx.close(closed), LINGER.toMillis(), TimeUnit.MILLISECONDS);
          if (ctx.channel() instanceof DuplexChannel duplex) {
            duplex.shutdownOutput();
          }
          ctx.read();
        });
  }

  /** Reactor Netty's own answer to an undecodable request: empty, closing, 400, 414 or 431. */
  private static boolean isCodecRefusal(FullHttpResponse response) {
    int status = response.status().code();
    return (status == 400 || status == 414 || status == 431)
        && !response.content().isReadable()
        && response
            .headers()
            .containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true);
  }

  private static boolean isInformational(Object msg) {
    return msg instanceof HttpResponse response
        && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
  }

  private FullHttpResponse problem(HttpResponseStatus status) {
    ProblemType type =
        switch (status.code()) {
          case 414 -> ProblemType.URI_TOO_LONG;
          case 431 -> ProblemType.HEADERS_TOO_LARGE;
          default -> ProblemType.MALFORMED_REQUEST;
        };
    String detail =
        switch (type) {
          case URI_TOO_LONG -> "the request line is longer than " + maxInitialLineLength + " bytes";
          case HEADERS_TOO_LARGE ->
              "the request headers are larger than " + maxHeaderSize + " bytes";
          default -> "the request is not valid HTTP/1.1";
        };
    byte[] body = json.writeValueAsBytes(Problems.of(type, detail));
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json");
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    return response;
  }
}
