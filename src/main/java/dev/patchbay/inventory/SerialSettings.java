package dev.patchbay.inventory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;

/** Serial line settings of a {@code serial} connection definition. */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(description = "Serial line settings; only for protocol 'serial'")
public record SerialSettings(
    @Schema(example = "/dev/ttyUSB0", description = "Device path; required for serial")
        String device,
    @Schema(example = "9600", minimum = "1") Integer baudRate,
    @Schema(example = "8", minimum = "5", maximum = "8") Integer dataBits,
    @Schema(allowableValues = {"none", "even", "odd", "mark", "space"}) String parity,
    @Schema(allowableValues = {"1", "1.5", "2"}) String stopBits,
    @Schema(allowableValues = {"none", "rtscts", "xonxoff"}) String flowControl) {

  static SerialSettings of(SerialLine line) {
    return line == null || line.isEmpty()
        ? null
        : new SerialSettings(
            line.getDevice(),
            line.getBaudRate(),
            line.getDataBits(),
            line.getParity(),
            line.getStopBits(),
            line.getFlowControl());
  }

  boolean isEmpty() {
    return device == null
        && baudRate == null
        && dataBits == null
        && parity == null
        && stopBits == null
        && flowControl == null;
  }
}
