package dev.patchbay.lease;

import java.util.ArrayList;
import java.util.List;
import org.springframework.context.event.EventListener;

/** Test bean: every {@link LeaseGranted} and {@link LeaseEnded} event, in publication order. */
public class LeaseEventLog {

  private final List<LeaseGranted> grants = new ArrayList<>();
  private final List<LeaseEnded> ends = new ArrayList<>();

  @EventListener
  synchronized void granted(LeaseGranted event) {
    grants.add(event);
  }

  @EventListener
  synchronized void ended(LeaseEnded event) {
    ends.add(event);
  }

  public synchronized List<LeaseGranted> grants() {
    return List.copyOf(grants);
  }

  public synchronized List<LeaseEnded> ends() {
    return List.copyOf(ends);
  }
}
