package dev.patchbay.simulator.cli;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Output produced piece by piece, so huge responses never sit in memory. */
interface OutputSource {

  /** The next at most {@code max} bytes, or {@code null} when done. */
  byte[] next(int max);

  /** Output of a byte array. */
  static OutputSource of(byte[] bytes) {
    return new OutputSource() {
      private int position;

      @Override
      public byte[] next(int max) {
        if (position >= bytes.length) {
          return null;
        }
        int end = Math.min(bytes.length, position + max);
        byte[] chunk = Arrays.copyOfRange(bytes, position, end);
        position = end;
        return chunk;
      }
    };
  }

  /** {@code total} bytes of numbered 64-byte text lines (CR LF included). */
  static OutputSource generated(long total) {
    return new OutputSource() {
      private long produced;
      private long cachedLine = -1;
      private byte[] line;

      @Override
      public byte[] next(int max) {
        if (produced >= total) {
          return null;
        }
        int size = (int) Math.min(max, total - produced);
        byte[] chunk = new byte[size];
        for (int i = 0; i < size; i++) {
          long offset = produced + i;
          if (offset / 64 != cachedLine) {
            cachedLine = offset / 64;
            line =
                utf8(
                    String.format(
                        "%010d simulated output filler abcdefghijklmnopqrstuvwxyz.\r\n",
                        cachedLine));
          }
          chunk[i] = line[(int) (offset % 64)];
        }
        produced += size;
        return chunk;
      }
    };
  }

  /** At most {@code limit} bytes of {@code source}. */
  static OutputSource limited(OutputSource source, long limit) {
    return new OutputSource() {
      private long remaining = limit;

      @Override
      public byte[] next(int max) {
        if (remaining <= 0) {
          return null;
        }
        byte[] chunk = source.next((int) Math.min(max, remaining));
        if (chunk != null) {
          remaining -= chunk.length;
        }
        return chunk;
      }
    };
  }

  /** Bytes of {@code text} as UTF-8. */
  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
