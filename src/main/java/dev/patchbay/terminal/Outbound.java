package dev.patchbay.terminal;

/** One frame to a viewer: terminal bytes (binary) or a JSON control message (text). */
record Outbound(byte[] bytes, String text) {

  static Outbound binary(byte[] bytes) {
    return new Outbound(bytes, null);
  }

  static Outbound text(String json) {
    return new Outbound(null, json);
  }

  boolean isBinary() {
    return bytes != null;
  }
}
