package io.statefun.flink.harness.it;

import io.statefun.flink.harness.Harness;
import io.statefun.flink.harness.HarnessJob;
import io.statefun.flink.harness.io.SerializableConsumer;
import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

/**
 * Shared pieces of the MiniCluster integration tests: the harness every test starts from, static
 * sinks keyed per test, polling for results and placement of addresses on subtasks.
 */
final class ItSupport {
  static final int PARALLELISM = 2;
  static final int MAX_PARALLELISM = 128; // Flink's default for parallelism 2
  static final Duration TIMEOUT = Duration.ofSeconds(120);

  /**
   * Egress records by sink key. Every test opens fresh keys, so records a cancelled job of an
   * earlier test still emits go to a key that no longer exists and are dropped.
   */
  private static final Map<String, Queue<Object>> SINKS = new ConcurrentHashMap<>();

  private static final Pattern SUBTASK_IN_THREAD_NAME =
      Pattern.compile("\\((\\d+)/(\\d+)\\)#\\d+$");

  private ItSupport() {}

  /** Parallelism 2 on {@code backend}, service loader off. */
  static Harness harness(String backend) {
    return new Harness()
        .withParallelism(PARALLELISM)
        .withStateBackend(backend)
        .withServiceLoaderModules(false);
  }

  // ------------------------------------------------------------------------------------------
  // Sinks
  // ------------------------------------------------------------------------------------------

  /** Drops every sink; call in {@code @BeforeEach}. */
  static void clearSinks() {
    SINKS.clear();
  }

  /** A new, empty sink; returns its key. */
  static String openSink(String name) {
    String key = name + "-" + UUID.randomUUID();
    SINKS.put(key, new ConcurrentLinkedQueue<>());
    return key;
  }

  /** A serializable consumer that adds every record to the sink {@code key}. */
  static <T> SerializableConsumer<T> into(String key) {
    return record -> add(key, record);
  }

  private static void add(String key, Object record) {
    Queue<Object> sink = SINKS.get(key);
    if (sink != null) {
      sink.add(record);
    }
  }

  /** A snapshot of the records in sink {@code key}, in arrival order. */
  @SuppressWarnings("unchecked")
  static <T> List<T> records(String key) {
    Queue<Object> sink = SINKS.get(key);
    if (sink == null) {
      throw new IllegalStateException("no sink " + key);
    }
    return new ArrayList<>((Queue<T>) (Queue<?>) sink);
  }

  static int size(String key) {
    return SINKS.get(key).size();
  }

  // ------------------------------------------------------------------------------------------
  // Waiting
  // ------------------------------------------------------------------------------------------

  /**
   * Polls every 20 ms until sink {@code key} holds at least {@code count} records; fails with what
   * arrived after {@link #TIMEOUT}, or at once with the job's failure if the job ends.
   */
  static <T> List<T> awaitRecords(HarnessJob job, String key, int count) throws Exception {
    await(
        job,
        () -> size(key) >= count,
        () ->
            "expected "
                + count
                + " records in "
                + key
                + ", got "
                + size(key)
                + ": "
                + records(key));
    return records(key);
  }

  /** Polls {@code condition} until it holds; on time-out fails with {@code whatArrived}. */
  static void await(HarnessJob job, BooleanSupplier condition, Supplier<String> whatArrived)
      throws Exception {
    try {
      job.awaitCondition(condition, TIMEOUT);
    } catch (TimeoutException e) {
      throw new AssertionError("not within " + TIMEOUT + ": " + whatArrived.get(), e);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Failures
  // ------------------------------------------------------------------------------------------

  /** The messages of {@code failure} and its causes, outermost first. */
  static List<String> causeMessages(Throwable failure) {
    List<String> messages = new ArrayList<>();
    for (Throwable t = failure; t != null && messages.size() < 50; t = t.getCause()) {
      messages.add(t.getClass().getName() + ": " + t.getMessage());
    }
    return messages;
  }

  // ------------------------------------------------------------------------------------------
  // Placement
  // ------------------------------------------------------------------------------------------

  /** The subtask (0-based) that owns {@code address} at parallelism 2. */
  static int subtaskOf(Address address) {
    return KeyGroupRangeAssignment.assignKeyToParallelOperator(
        address, MAX_PARALLELISM, PARALLELISM);
  }

  /** The first id {@code prefix-k} (k = 0, 1, …) of {@code type} whose subtask satisfies it. */
  static String idWhere(FunctionType type, String prefix, IntPredicate subtask) {
    for (int k = 0; ; k++) {
      String id = prefix + "-" + k;
      if (subtask.test(subtaskOf(new Address(type, id)))) {
        return id;
      }
    }
  }

  /**
   * The subtask index (0-based) of the Flink task running the calling thread, from the task
   * thread's name ({@code "<task> (<index + 1>/<parallelism>)#<attempt>"}); -1 if not a task
   * thread.
   */
  static int currentSubtask() {
    Matcher m = SUBTASK_IN_THREAD_NAME.matcher(Thread.currentThread().getName());
    return m.find() ? Integer.parseInt(m.group(1)) - 1 : -1;
  }
}
