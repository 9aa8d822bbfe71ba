package io.statefun.testutil;

import io.statefun.sdk.Address;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Delayed messages not yet delivered, with the manual clock's due times. As in the runtime, a
 * cancellation token names a message among its sender's pending messages.
 */
final class DelayedMessages {
  /** One pending message. */
  record Pending(long sequence, long dueMillis, Address sender, DelayedSend send) {}

  private final List<Pending> pending = new ArrayList<>();
  private long nextSequence;

  void schedule(long nowMillis, Address sender, DelayedSend send) {
    String token = send.cancellationToken();
    if (token != null && find(sender, token) != null) {
      throw new IllegalArgumentException(
          sender
              + " already has a pending delayed message with cancellation token '"
              + token
              + "'");
    }
    long due = Math.addExact(nowMillis, send.delay().toMillis());
    pending.add(new Pending(nextSequence++, due, sender, send));
  }

  /** Removes the sender's message with this token; an unknown or fired token is ignored. */
  void cancel(Address sender, String token) {
    Pending found = find(sender, token);
    if (found != null) {
      pending.remove(found);
    }
  }

  /**
   * Removes and returns the earliest message due at or before {@code untilMillis} (ties in the
   * order they were scheduled), or null.
   */
  Pending takeNextDue(long untilMillis) {
    Pending next = null;
    for (Pending candidate : pending) {
      if (candidate.dueMillis() <= untilMillis
          && (next == null
              || candidate.dueMillis() < next.dueMillis()
              || (candidate.dueMillis() == next.dueMillis()
                  && candidate.sequence() < next.sequence()))) {
        next = candidate;
      }
    }
    if (next != null) {
      pending.remove(next);
    }
    return next;
  }

  List<Pending> pending() {
    List<Pending> sorted = new ArrayList<>(pending);
    sorted.sort(
        (a, b) ->
            a.dueMillis() != b.dueMillis()
                ? Long.compare(a.dueMillis(), b.dueMillis())
                : Long.compare(a.sequence(), b.sequence()));
    return sorted;
  }

  private Pending find(Address sender, String token) {
    for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
      Pending candidate = it.next();
      if (candidate.sender().equals(sender) && token.equals(candidate.send().cancellationToken())) {
        return candidate;
      }
    }
    return null;
  }
}
