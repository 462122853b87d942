package dev.patchbay.connection.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.connection.SshAlgorithms;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every algorithm Patchbay offers or makes available is one the SSH library has on this JVM. */
class HandshakeTest {

  @Test
  void everyAvailableAlgorithmHasAWorkingLibraryFactory() {
    for (SshAlgorithms.Kind kind : SshAlgorithms.Kind.values()) {
      List<String> missing =
          SshAlgorithms.available(kind).stream()
              .filter(name -> Handshake.libraryFactory(kind, name) == null)
              .toList();
      assertThat(missing).as(kind.option()).isEmpty();
    }
  }
}
