package dev.patchbay.terminal;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;

/** Maps the terminal WebSocket ahead of the annotated controllers. */
@Configuration(proxyBeanMethods = false)
class TerminalWebSocketConfiguration {

  @Bean
  HandlerMapping terminalWebSocketMapping(TerminalWebSocketHandler handler) {
    return new SimpleUrlHandlerMapping(
        Map.of(TerminalWebSocketHandler.PATH, handler), Ordered.HIGHEST_PRECEDENCE);
  }
}
