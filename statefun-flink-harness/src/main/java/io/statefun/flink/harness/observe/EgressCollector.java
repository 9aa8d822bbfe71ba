package io.statefun.flink.harness.observe;

import io.statefun.sdk.io.EgressIdentifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The records a collecting egress received, in two views: <em>written</em> — every record the
 * sink's writers got, in every task attempt (what an at-least-once sink would show, with the
 * records a restart replays) — and <em>committed</em> — the records of the checkpoints that
 * completed, each batch once (what an exactly-once sink shows). A record committed more than once
 * is a duplicate effect; {@link #duplicates()} lists them.
 *
 * <p>Records are committed when the checkpoint after them completes (or the final savepoint of a
 * stop-with-savepoint).
 *
 * @param <T> the egress's record type
 */
public final class EgressCollector<T> {
  private final EgressIdentifier<T> egress;
  private final List<T> written = new ArrayList<>();
  private final Map<String, List<T>> staged = new LinkedHashMap<>();
  private final Set<String> committedBatches = new HashSet<>();
  private final List<T> committed = new ArrayList<>();

  EgressCollector(EgressIdentifier<T> egress) {
    this.egress = egress;
  }

  public EgressIdentifier<T> egress() {
    return egress;
  }

  synchronized void written(T record) {
    written.add(record);
  }

  synchronized void stage(String batch, List<T> records) {
    staged.put(batch, List.copyOf(records));
  }

  /**
   * Commits a staged batch; a batch committed before (Flink re-commits after a restore) is kept.
   */
  synchronized void commit(String batch) {
    List<T> records = staged.get(batch);
    if (records == null) {
      throw new IllegalStateException(
          "egress " + egress + ": batch " + batch + " was committed but never staged");
    }
    if (committedBatches.add(batch)) {
      committed.addAll(records);
    }
  }

  /** The records of completed checkpoints, in commit order. */
  public synchronized List<T> committed() {
    return List.copyOf(committed);
  }

  /** Every record the writers received, in every attempt, in arrival order. */
  public synchronized List<T> written() {
    return List.copyOf(written);
  }

  public synchronized int committedCount() {
    return committed.size();
  }

  /** Committed records that were committed more than once, with how often. */
  public synchronized Map<T, Long> duplicates() {
    Map<T, Long> counts = counts(committed);
    counts.values().removeIf(n -> n < 2);
    return counts;
  }

  /**
   * Records written more often than committed: those a failed attempt wrote after its last
   * completed checkpoint (a restart replays them), with how many extra copies.
   */
  public synchronized Map<T, Long> discardedByRestarts() {
    Map<T, Long> extra = counts(written);
    counts(committed).forEach((record, n) -> extra.merge(record, -n, Long::sum));
    extra.values().removeIf(n -> n <= 0);
    return extra;
  }

  private static <T> Map<T, Long> counts(List<T> records) {
    Map<T, Long> counts = new LinkedHashMap<>();
    for (T record : records) {
      counts.merge(record, 1L, Long::sum);
    }
    return counts;
  }

  @Override
  public synchronized String toString() {
    return "EgressCollector{"
        + egress
        + ", written="
        + written.size()
        + ", committed="
        + committed.size()
        + ", staged batches="
        + staged.size()
        + '}';
  }
}
