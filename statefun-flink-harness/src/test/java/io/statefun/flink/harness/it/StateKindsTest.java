package io.statefun.flink.harness.it;

import static io.statefun.flink.harness.it.ItSupport.awaitRecords;
import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.harness.HarnessJob;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.annotations.Persisted;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.spi.StatefulFunctionModule;
import io.statefun.sdk.state.PersistedAppendingBuffer;
import io.statefun.sdk.state.PersistedStateRegistry;
import io.statefun.sdk.state.PersistedTable;
import io.statefun.sdk.state.PersistedValue;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every kind of state, bound to Flink keyed state: a {@link PersistedValue} of a simple and of a
 * record type, a {@link PersistedTable}, a {@link PersistedAppendingBuffer}, state registered with
 * a {@link PersistedStateRegistry} (in the constructor and on first use) and state in nested
 * {@code @Persisted} objects. Each address gets {@value #UPDATES_PER_ADDRESS} updates interleaved
 * with other addresses'; after its last one it sends itself a query that emits all of its state,
 * which must be exactly what the updates imply. Two function types with the same state names share
 * ids, so their state must also stay apart.
 */
class StateKindsTest {
  static final String NS = "it-state";
  static final IngressIdentifier<Update> UPDATES =
      new IngressIdentifier<>(Update.class, NS, "updates");
  static final EgressIdentifier<Snapshot> SNAPSHOTS =
      new EgressIdentifier<>(NS, "snapshots", Snapshot.class);
  static final FunctionType FIRST = new FunctionType(NS, "first");
  static final FunctionType SECOND = new FunctionType(NS, "second");

  static final int ADDRESSES = 12;
  static final int UPDATES_PER_ADDRESS = 40;
  static final int RECORDS = ADDRESSES * UPDATES_PER_ADDRESS;

  record Update(String id, int value) {}

  record Query() {}

  record Stats(long sum, int max) {}

  /** All of one address's state. */
  record Snapshot(
      String type,
      String id,
      int count,
      Stats stats,
      Map<String, Integer> table,
      List<Integer> buffer,
      long registeredSum,
      Map<Integer, Integer> lateRegisteredTable,
      int nestedMin,
      Map<Integer, Integer> deeplyNestedParities) {}

  static Update updateAt(long index) {
    int i = (int) index;
    return new Update("addr-" + (i % ADDRESSES), (i * 7919) % 1000);
  }

  /** The value that {@code type} stores for an update; differs per type. */
  static int valueFor(FunctionType type, Update update) {
    return type.equals(FIRST) ? update.value() : update.value() + 5000;
  }

  static final class Inner {
    @Persisted
    final PersistedTable<Integer, Integer> parities =
        PersistedTable.of("parities", Integer.class, Integer.class);
  }

  static final class Nested {
    @Persisted final PersistedValue<Integer> min = PersistedValue.of("min", Integer.class);
    @Persisted final Inner inner = new Inner();
  }

  static final class StateFn implements StatefulFunction {
    @Persisted
    private final PersistedValue<Integer> count = PersistedValue.of("count", Integer.class);

    @Persisted private final PersistedValue<Stats> stats = PersistedValue.of("stats", Stats.class);

    @Persisted
    private final PersistedTable<String, Integer> table =
        PersistedTable.of("table", String.class, Integer.class);

    @Persisted
    private final PersistedAppendingBuffer<Integer> buffer =
        PersistedAppendingBuffer.of("buffer", Integer.class);

    @Persisted private final PersistedStateRegistry registry = new PersistedStateRegistry();
    @Persisted private final Nested nested = new Nested();

    private final PersistedValue<Long> registeredSum =
        PersistedValue.of("registered-sum", Long.class);
    private final PersistedTable<Integer, Integer> lateTable =
        PersistedTable.of("late-table", Integer.class, Integer.class);
    private boolean lateTableRegistered;

    StateFn() {
      registry.registerValue(registeredSum);
    }

    @Override
    public void invoke(Context context, Object input) {
      if (!lateTableRegistered) {
        registry.registerTable(lateTable); // after the runtime bound the registry
        lateTableRegistered = true;
      }
      if (input instanceof Update update) {
        int value = valueFor(context.self().type(), update);
        int n = count.updateAndGet(c -> c == null ? 1 : c + 1);
        Stats s = stats.getOrDefault(new Stats(0, Integer.MIN_VALUE));
        stats.set(new Stats(s.sum() + value, Math.max(s.max(), value)));
        String key = "k" + (value % 4);
        table.set(key, table.get(key) == null ? 1 : table.get(key) + 1);
        buffer.append(value);
        registeredSum.set(registeredSum.getOrDefault(0L) + value);
        lateTable.set(
            value % 3, lateTable.get(value % 3) == null ? 1 : lateTable.get(value % 3) + 1);
        nested.min.set(Math.min(nested.min.getOrDefault(Integer.MAX_VALUE), value));
        PersistedTable<Integer, Integer> parities = nested.inner.parities;
        Integer parityCount = parities.get(value % 2);
        parities.set(value % 2, parityCount == null ? 1 : parityCount + 1);
        if (n == UPDATES_PER_ADDRESS) {
          context.send(context.self(), new Query());
        }
      } else if (input instanceof Query) {
        List<Integer> bufferContents = new ArrayList<>();
        buffer.view().forEach(bufferContents::add);
        context.send(
            SNAPSHOTS,
            new Snapshot(
                context.self().type().name(),
                context.self().id(),
                count.get(),
                stats.get(),
                toMap(table.entries()),
                bufferContents,
                registeredSum.get(),
                toMap(lateTable.entries()),
                nested.min.get(),
                toMap(nested.inner.parities.entries())));
      }
    }

    private static <K, V> Map<K, V> toMap(Iterable<Map.Entry<K, V>> entries) {
      Map<K, V> map = new TreeMap<>();
      entries.forEach(e -> map.put(e.getKey(), e.getValue()));
      return map;
    }
  }

  static final class Module implements StatefulFunctionModule, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      binder.bindIngressRouter(
          UPDATES,
          (update, downstream) -> {
            downstream.forward(FIRST, update.id(), update);
            downstream.forward(SECOND, update.id(), update);
          });
      binder.bindFunctionProvider(FIRST, type -> new StateFn());
      binder.bindFunctionProvider(SECOND, type -> new StateFn());
    }
  }

  private String sink;

  @BeforeEach
  void openSink() {
    ItSupport.clearSinks();
    sink = ItSupport.openSink("snapshots");
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void everyStateKindKeepsItsValueAcrossManyMessagesPerAddress(String backend) throws Exception {
    List<Snapshot> expected = expectedSnapshots();

    List<Snapshot> snapshots;
    try (HarnessJob job =
        ItSupport.harness(backend)
            .withModule(new Module())
            .withGeneratedIngress(UPDATES, RECORDS, StateKindsTest::updateAt)
            .withConsumingEgress(SNAPSHOTS, ItSupport.into(sink))
            .startAsync()) {
      snapshots = awaitRecords(job, sink, expected.size());
      job.cancel();
    }

    // The buffer keeps insertion order, but updates of one address may come from both ingress
    // subtasks in any interleaving, so its contents are compared sorted.
    List<Snapshot> normalized = new ArrayList<>();
    for (Snapshot s : snapshots) {
      List<Integer> sorted = new ArrayList<>(s.buffer());
      sorted.sort(null);
      normalized.add(
          new Snapshot(
              s.type(),
              s.id(),
              s.count(),
              s.stats(),
              s.table(),
              sorted,
              s.registeredSum(),
              s.lateRegisteredTable(),
              s.nestedMin(),
              s.deeplyNestedParities()));
    }
    assertThat(normalized).containsExactlyInAnyOrderElementsOf(expected);
  }

  private static List<Snapshot> expectedSnapshots() {
    List<Snapshot> expected = new ArrayList<>();
    for (FunctionType type : List.of(FIRST, SECOND)) {
      Map<String, List<Integer>> valuesById = new HashMap<>();
      for (int i = 0; i < RECORDS; i++) {
        Update update = updateAt(i);
        valuesById
            .computeIfAbsent(update.id(), id -> new ArrayList<>())
            .add(valueFor(type, update));
      }
      valuesById.forEach(
          (id, values) -> {
            Map<String, Integer> table = new TreeMap<>();
            Map<Integer, Integer> late = new TreeMap<>();
            Map<Integer, Integer> parities = new TreeMap<>();
            long sum = 0;
            int max = Integer.MIN_VALUE;
            int min = Integer.MAX_VALUE;
            for (int v : values) {
              table.merge("k" + (v % 4), 1, Integer::sum);
              late.merge(v % 3, 1, Integer::sum);
              parities.merge(v % 2, 1, Integer::sum);
              sum += v;
              max = Math.max(max, v);
              min = Math.min(min, v);
            }
            List<Integer> sorted = new ArrayList<>(values);
            sorted.sort(null);
            expected.add(
                new Snapshot(
                    type.name(),
                    id,
                    values.size(),
                    new Stats(sum, max),
                    table,
                    sorted,
                    sum,
                    late,
                    min,
                    parities));
          });
    }
    assertThat(expected).hasSize(2 * ADDRESSES);
    return expected;
  }
}
