package dev.patchbay.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fan-out policy: one reader, bounded subscribers, slow ones skipped forward and told. */
@Timeout(30)
class TerminalTest {

  private final List<byte[]> written = new ArrayList<>();

  private final Terminal terminal =
      new Terminal(
          new Terminal.Port() {
            @Override
            public void write(byte[] bytes) {
              written.add(bytes);
            }

            @Override
            public void resize(int columns, int rows) {}

            @Override
            public void sendBreak() {}
          });

  @Test
  void aSlowSubscriberNeverStallsTheReaderOrAFastOne() throws Exception {
    Terminal.Subscription slow = terminal.subscribe(64 * 1024);
    Terminal.Subscription fast = terminal.subscribe(16 << 20);
    CompletableFuture<byte[]> fastCopy =
        CompletableFuture.supplyAsync(
            () -> {
              ByteArrayOutputStream copy = new ByteArrayOutputStream();
              byte[] buffer = new byte[8192];
              int n;
              while ((n = fast.read(buffer, Duration.ofSeconds(5))) > 0) {
                copy.write(buffer, 0, n);
              }
              return copy.toByteArray();
            });

    byte[] chunk = new byte[4096];
    int total = 10 * 1024 * 1024;
    long start = System.nanoTime();
    for (int sent = 0; sent < total; sent += chunk.length) {
      for (int i = 0; i < chunk.length; i++) {
        chunk[i] = (byte) (sent + i);
      }
      terminal.publish(chunk, 0, chunk.length);
    }
    long publishMs = (System.nanoTime() - start) / 1_000_000;
    terminal.end();

    byte[] received = fastCopy.get();
    assertThat(received).hasSize(total);
    for (int i = 0; i < total; i += 997) {
      assertThat(received[i]).isEqualTo((byte) i);
    }
    assertThat(fast.takeSkipped()).isZero();
    assertThat(slow.buffered()).isEqualTo(64 * 1024);
    assertThat(slow.takeSkipped()).isEqualTo(total - 64 * 1024L);
    byte[] tail = new byte[64 * 1024];
    assertThat(slow.read(tail, Duration.ZERO)).isEqualTo(tail.length);
    assertThat(tail[0]).isEqualTo((byte) (total - tail.length));
    assertThat(slow.read(tail, Duration.ofMillis(10))).isEqualTo(-1);
    assertThat(publishMs)
        .as("publishing 10 MB never waited for the slow subscriber")
        .isLessThan(5000);
  }

  @Test
  void aLateSubscriberStartsFromTheRecentOutputWithNothingLostOrRepeated() {
    byte[] early = new byte[Terminal.RECENT + 1000];
    for (int i = 0; i < early.length; i++) {
      early[i] = (byte) i;
    }
    terminal.publish(early, 0, 600);
    terminal.publish(early, 600, early.length - 600);
    Terminal.Subscription late = terminal.subscribeWithRecent(1 << 20);
    Terminal.Subscription plain = terminal.subscribe(1 << 20);
    terminal.publish(new byte[] {'$', ' '}, 0, 2);

    byte[] read = new byte[2 * Terminal.RECENT];
    int n = late.read(read, Duration.ofSeconds(1));
    assertThat(late.buffered()).isZero();
    byte[] expected = new byte[Terminal.RECENT + 2];
    System.arraycopy(early, early.length - Terminal.RECENT, expected, 0, Terminal.RECENT);
    expected[Terminal.RECENT] = '$';
    expected[Terminal.RECENT + 1] = ' ';
    assertThat(Arrays.copyOf(read, n)).isEqualTo(expected);
    assertThat(plain.buffered()).as("a plain subscription starts from now").isEqualTo(2);
  }

  @Test
  void subscriptionsStartSmallAndGrowOnlyToTheirCapacity() {
    Terminal.Subscription subscription = terminal.subscribe(1 << 20);
    terminal.publish(new byte[100], 0, 100);
    assertThat(subscription.buffered()).isEqualTo(100);
    terminal.publish(new byte[300_000], 0, 300_000);
    assertThat(subscription.buffered()).isEqualTo(300_100);
    terminal.publish(new byte[2_000_000], 0, 2_000_000);
    assertThat(subscription.buffered()).isEqualTo(1 << 20);
    assertThat(subscription.takeSkipped()).isEqualTo(2_300_100L - (1 << 20));
  }

  @Test
  void aClearedSubscriptionStartsSmallAgainAndStillGrowsToItsCapacity() {
    Terminal.Subscription subscription = terminal.subscribe(1 << 20);
    terminal.publish(new byte[500_000], 0, 500_000);
    subscription.clear();
    assertThat(subscription.buffered()).isZero();

    byte[] burst = new byte[700_000];
    for (int i = 0; i < burst.length; i++) {
      burst[i] = (byte) i;
    }
    terminal.publish(burst, 0, burst.length);
    byte[] copy = new byte[burst.length];
    int read = 0;
    while (read < copy.length) {
      byte[] part = new byte[64 * 1024];
      int n = subscription.read(part, Duration.ofSeconds(1));
      System.arraycopy(part, 0, copy, read, n);
      read += n;
    }
    assertThat(copy).isEqualTo(burst);
    assertThat(subscription.takeSkipped()).isZero();
  }

  @Test
  void writesGoToTheDriverUntilTheStreamEnds() {
    terminal.write("show clock\r".getBytes());
    assertThat(written).hasSize(1);
    Terminal.Subscription late = terminal.subscribe(1024);
    late.close();
    assertThat(terminal.subscriberCount()).isZero();
    terminal.end();
    assertThatThrownBy(() -> terminal.write(new byte[] {1}))
        .isInstanceOf(ConnectionClosedException.class);
    assertThat(terminal.subscribe(10).read(new byte[1], Duration.ofSeconds(1))).isEqualTo(-1);
  }
}
