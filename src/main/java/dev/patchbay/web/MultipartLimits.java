package dev.patchbay.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.multipart.DefaultPartHttpMessageReader;
import org.springframework.http.codec.multipart.MultipartHttpMessageReader;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * Bounds {@code multipart/form-data} uploads (testbed files) like any other body: a part is held in
 * memory up to the request body limit and never spills to disk, and a form has few parts. Spring's
 * default would write an oversized part to a temporary file without limit.
 */
@Configuration(proxyBeanMethods = false)
class MultipartLimits implements WebFluxConfigurer {

  static final int MAX_PARTS = 16;

  private final int maxInMemorySize;

  MultipartLimits(@Value("${spring.http.codecs.max-in-memory-size:256KB}") DataSize limit) {
    this.maxInMemorySize = (int) limit.toBytes();
  }

  @Override
  public void configureHttpMessageCodecs(ServerCodecConfigurer configurer) {
    DefaultPartHttpMessageReader parts = new DefaultPartHttpMessageReader();
    parts.setMaxInMemorySize(maxInMemorySize);
    parts.setMaxDiskUsagePerPart(0);
    parts.setMaxParts(MAX_PARTS);
    configurer.defaultCodecs().multipartReader(new MultipartHttpMessageReader(parts));
  }
}
