package io.statefun.flink.harness.it;

import io.statefun.flink.harness.HarnessJob;
import io.statefun.flink.harness.metrics.CollectingReporter;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.annotations.Persisted;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.spi.StatefulFunctionModule;
import io.statefun.sdk.state.PersistedValue;
import java.io.IOException;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A fan-out tree through the feedback loop, run by {@link FanOutSpillIT} in a JVM with a small
 * heap: one root message becomes {@value #FAN_OUT}<sup>{@value #DEPTH}</sup> leaves, every hop
 * crossing to the other subtask, so each level waits in a feedback channel at once (the channel is
 * FIFO, so the tree is walked breadth first). The leaves arrive at eight counter addresses on the
 * subtask of the last level; each reports when it reaches its exact share, and reports again if it
 * ever exceeds it.
 *
 * <p>Prints {@code RESULT key=value} lines; exits 0 once every counter reported its share.
 */
public final class FanOutSpillJob {
  static final String NS = "it-fanout";
  static final int FAN_OUT = 4;
  static final int DEPTH = 11;
  static final long LEAVES = (long) Math.pow(FAN_OUT, DEPTH);
  static final int COUNTERS_PER_SUBTASK = 8;
  static final long LEAVES_PER_COUNTER = LEAVES / COUNTERS_PER_SUBTASK;
  static final int COUNTERS = COUNTERS_PER_SUBTASK; // those on subtask DEPTH % 2

  static final IngressIdentifier<Long> ROOTS = new IngressIdentifier<>(Long.class, NS, "roots");
  static final EgressIdentifier<Share> SHARES = new EgressIdentifier<>(NS, "shares", Share.class);
  static final FunctionType NODE = new FunctionType(NS, "node");

  /** The ids of {@link #NODE} on subtask 0 and on subtask 1. */
  static final String[][] IDS = {ids(0), ids(1)};

  private static final Map<String, Long> REPORTED = new ConcurrentHashMap<>();
  private static final Map<String, Long> EXCEEDED = new ConcurrentHashMap<>();

  private FanOutSpillJob() {}

  /** A tree node in flight: its depth and its index within the depth. */
  record Node(int depth, long index) implements Serializable {}

  /** A counter's leaf count when it reached its share, or when it exceeded it. */
  record Share(String id, long leaves) implements Serializable {}

  private static String[] ids(int subtask) {
    String[] ids = new String[COUNTERS_PER_SUBTASK];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = ItSupport.idWhere(NODE, "n" + subtask + "-" + i, s -> s == subtask);
    }
    return ids;
  }

  static final class NodeFn implements StatefulFunction {
    @Persisted private final PersistedValue<Long> leaves = PersistedValue.of("leaves", Long.class);

    @Override
    public void invoke(Context context, Object input) {
      Node node = (Node) input;
      if (node.depth() < DEPTH) {
        String[] other = IDS[1 - ItSupport.subtaskOf(context.self())];
        for (int c = 0; c < FAN_OUT; c++) {
          long child = node.index() * FAN_OUT + c;
          context.send(
              NODE, other[(int) (child % other.length)], new Node(node.depth() + 1, child));
        }
        return;
      }
      long count = leaves.updateAndGet(n -> n == null ? 1 : n + 1);
      if (count >= LEAVES_PER_COUNTER) {
        context.send(SHARES, new Share(context.self().id(), count));
      }
    }
  }

  static final class Module implements StatefulFunctionModule, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      binder.bindIngressRouter(
          ROOTS, (root, downstream) -> downstream.forward(NODE, IDS[0][0], new Node(0, 0)));
      binder.bindFunctionProvider(NODE, type -> new NodeFn());
    }
  }

  private static void record(Share share) {
    if (share.leaves() == LEAVES_PER_COUNTER) {
      REPORTED.put(share.id(), share.leaves());
    } else {
      EXCEEDED.merge(share.id(), share.leaves(), Math::max);
    }
  }

  /**
   * @param args the work directory (the task manager's temporary directories go below it) and the
   *     feedback channel's memory budget
   */
  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]);
    Path tmp = Files.createDirectories(work.resolve("tmp"));
    String budget = args[1];
    CollectingReporter reporter = CollectingReporter.create();
    long start = System.nanoTime();
    long maxDepth = 0;
    long maxSpillBytes = 0;
    long maxHeapAfterGc = 0;
    long spilledTotal;
    try (HarnessJob job =
        reporter
            .addTo(
                ItSupport.harness("hashmap")
                    .withModule(new Module())
                    .withConfiguration("io.tmp.dirs", tmp.toString())
                    .withConfiguration("statefun.feedback.channel.memory.size", budget)
                    .withGeneratedIngress(ROOTS, 1, index -> index)
                    .withConsumingEgress(SHARES, FanOutSpillJob::record))
            .startAsync()) {
      long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
      while (REPORTED.size() < COUNTERS) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("only " + REPORTED.size() + " counters reached their share");
        }
        if (job.status().isGloballyTerminalState()) {
          throw new AssertionError("the job ended: " + job.status());
        }
        maxDepth = Math.max(maxDepth, reporter.gaugeSum("feedbackQueueSize"));
        maxSpillBytes = Math.max(maxSpillBytes, reporter.gaugeSum("feedbackQueueSpillBytes"));
        maxHeapAfterGc = Math.max(maxHeapAfterGc, heapAfterLastGc());
        Thread.sleep(100);
      }
      Thread.sleep(1_000); // a duplicate leaf would show up as an excess report meanwhile
      spilledTotal = reporter.gaugeSum("feedbackQueueSpilledBytesTotal");
    }
    long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
    System.out.println("RESULT counters=" + REPORTED.size());
    System.out.println("RESULT exceeded=" + EXCEEDED.size());
    System.out.println("RESULT leaves=" + REPORTED.values().stream().mapToLong(l -> l).sum());
    System.out.println("RESULT maxQueueDepth=" + maxDepth);
    System.out.println("RESULT maxSpillBytes=" + maxSpillBytes);
    System.out.println("RESULT spilledBytesTotal=" + spilledTotal);
    System.out.println("RESULT maxHeapAfterGcBytes=" + maxHeapAfterGc);
    System.out.println("RESULT maxHeapBytes=" + Runtime.getRuntime().maxMemory());
    System.out.println("RESULT seconds=" + seconds);
    System.out.println("RESULT spillFilesLeft=" + spillFilesLeft(tmp));
    System.exit(0);
  }

  /** The heap in use right after the most recent collection of each pool: what stays live. */
  private static long heapAfterLastGc() {
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
        used += pool.getCollectionUsage().getUsed();
      }
    }
    return used;
  }

  private static long spillFilesLeft(Path tmp) throws IOException {
    try (Stream<Path> files = Files.walk(tmp)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith("statefun-feedback-queue-"))
          .count();
    }
  }
}
