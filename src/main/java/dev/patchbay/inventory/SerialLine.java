package dev.patchbay.inventory;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * Serial line settings of a {@code serial} connection definition. Parity is {@code none|even|odd|
 * mark|space}, stop bits {@code 1|1.5|2}, flow control {@code none|rtscts|xonxoff}.
 */
@Embeddable
public class SerialLine {

  @Column(name = "serial_device", length = 500)
  private String device;

  @Column(name = "serial_baud")
  private Integer baudRate;

  @Column(name = "serial_data_bits")
  private Integer dataBits;

  @Column(name = "serial_parity", length = 8)
  private String parity;

  @Column(name = "serial_stop_bits", length = 4)
  private String stopBits;

  @Column(name = "serial_flow_control", length = 10)
  private String flowControl;

  public String getDevice() {
    return device;
  }

  public void setDevice(String device) {
    this.device = device;
  }

  public Integer getBaudRate() {
    return baudRate;
  }

  public void setBaudRate(Integer baudRate) {
    this.baudRate = baudRate;
  }

  public Integer getDataBits() {
    return dataBits;
  }

  public void setDataBits(Integer dataBits) {
    this.dataBits = dataBits;
  }

  public String getParity() {
    return parity;
  }

  public void setParity(String parity) {
    this.parity = parity;
  }

  public String getStopBits() {
    return stopBits;
  }

  public void setStopBits(String stopBits) {
    this.stopBits = stopBits;
  }

  public String getFlowControl() {
    return flowControl;
  }

  public void setFlowControl(String flowControl) {
    this.flowControl = flowControl;
  }

  /** True when no serial setting is present. */
  public boolean isEmpty() {
    return device == null
        && baudRate == null
        && dataBits == null
        && parity == null
        && stopBits == null
        && flowControl == null;
  }
}
