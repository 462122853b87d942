package dev.patchbay.terminal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Web terminal limits ({@code patchbay.terminal.*}).
 *
 * @param scrollback output replayed to a viewer when it attaches
 * @param viewerBuffer output held for one viewer that has not taken it yet; beyond it the viewer is
 *     skipped forward and told how many bytes it missed
 * @param maxInputFrame largest binary frame a viewer may send
 * @param inputRate sustained input a viewer may send per second (token bucket refill)
 * @param inputBurst input a viewer may send at once (token bucket size)
 * @param outputHighWatermark output a viewer that acknowledges ({@code ack}) may have
 *     unacknowledged before its output waits
 * @param outputLowWatermark unacknowledged output below which a waiting viewer's output resumes;
 *     such a viewer acknowledges at least every this many bytes
 */
@ConfigurationProperties("patchbay.terminal")
public record TerminalProperties(
    @DefaultValue("64KB") DataSize scrollback,
    @DefaultValue("256KB") DataSize viewerBuffer,
    @DefaultValue("4KB") DataSize maxInputFrame,
    @DefaultValue("8KB") DataSize inputRate,
    @DefaultValue("16KB") DataSize inputBurst,
    @DefaultValue("1MB") DataSize outputHighWatermark,
    @DefaultValue("256KB") DataSize outputLowWatermark) {

  public TerminalProperties {
    if (outputLowWatermark.toBytes() >= outputHighWatermark.toBytes()) {
      throw new IllegalArgumentException(
          "patchbay.terminal.output-low-watermark must be below output-high-watermark");
    }
  }
}
