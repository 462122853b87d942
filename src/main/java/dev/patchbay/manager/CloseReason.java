package dev.patchbay.manager;

/** Why a session was closed, as its {@code session.close} audit event says. */
enum CloseReason {
  REQUEST("closed by request"),
  LAST_VIEWER("the last viewer of a session it opened left"),
  LEASE_EXPIRED("the device's lease expired"),
  DEVICE_DELETED("the device was deleted"),
  INSTANCE_STOPPING("instance-stopping: the instance holding it was stopped"),
  INSTANCE_RESTART("instance-restart: the service stopped without closing it"),
  INSTANCE_LOST("instance-lost: the instance holding it stopped answering");

  private final String text;

  CloseReason(String text) {
    this.text = text;
  }

  String text() {
    return text;
  }
}
