package dev.patchbay.web;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/** Puts a {@link RefusalBodies} behind the HTTP codec of every connection. */
@Component
class RefusalBodiesCustomizer implements NettyServerCustomizer {

  private final JsonMapper json;

  RefusalBodiesCustomizer(JsonMapper json) {
    this.json = json;
  }

  @Override
  public HttpServer apply(HttpServer server) {
    var decoder = server.configuration().decoder();
    int line = decoder.maxInitialLineLength();
    int headers = decoder.maxHeaderSize();
    return server.doOnChannelInit(
        (observer, channel, address) -> {
          if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
            channel
                .pipeline()
                .addAfter(
                    NettyPipeline.HttpCodec,
                    "patchbay.refusalBodies",
                    new RefusalBodies(json, line, headers));
          }
        });
  }
}
