package dev.patchbay.recording;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a byte stream to text chunk by chunk, carrying a character split across chunks over to
 * the next one; invalid bytes become U+FFFD.
 */
final class Utf8Stream {

  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private byte[] carry = new byte[0];

  String decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.allocate(carry.length + bytes.length);
    in.put(carry).put(bytes).flip();
    CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
    decoder.decode(in, out, false);
    carry = new byte[in.remaining()];
    in.get(carry);
    return out.flip().toString();
  }
}
