package dev.patchbay.recording;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a recording masks a stream that arrives in pieces: echo word by word, input key by key. */
class RedactingRecordingTest {

  private final List<String> outputs = new ArrayList<>();
  private final List<String> inputs = new ArrayList<>();
  private final RedactingRecording recording =
      new RedactingRecording(
          new SessionRecording() {
            @Override
            public void output(byte[] bytes) {
              outputs.add(new String(bytes, ISO_8859_1));
            }

            @Override
            public void input(byte[] bytes) {
              inputs.add(new String(bytes, ISO_8859_1));
            }

            @Override
            public void resize(int columns, int rows) {}

            @Override
            public void marker(String label) {
              inputs.add("marker " + label);
            }

            @Override
            public void close() {}
          });

  @Test
  void anEchoArrivingWordByWordIsMaskedWithTheStartOfItsLine() {
    for (String piece :
        List.of(
            "r1(config)#", "crypto", " ", "isakmp", " ", "key", " ", "Vpn-K3y", " ", "address")) {
      recording.output(piece.getBytes(ISO_8859_1));
    }
    recording.output(" 192.0.2.1\r\nr1(config)#".getBytes(ISO_8859_1));
    recording.close();

    assertThat(String.join("", outputs))
        .isEqualTo("r1(config)#crypto isakmp key ***** address 192.0.2.1\r\nr1(config)#");
  }

  @Test
  void aLineTypedKeyByKeyIsRecordedOnceFinishedAndMasked() {
    for (char c : "enable secret 0 Kbd-S3c\rshow clock\r".toCharArray()) {
      recording.input(new byte[] {(byte) c});
    }
    recording.input("exit".getBytes(ISO_8859_1));
    recording.close();

    assertThat(inputs).containsExactly("enable secret 0 *****\r", "show clock\r", "exit");
  }

  @Test
  void anUnfinishedLineIsRecordedBeforeAHandoffMarkerAsThePreviousWriters() {
    recording.input("show ver".getBytes(ISO_8859_1));
    recording.marker("write: bob");
    recording.input("sion\r".getBytes(ISO_8859_1));
    recording.close();

    assertThat(inputs).containsExactly("show ver", "marker write: bob", "sion\r");
  }
}
