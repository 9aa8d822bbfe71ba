package io.statefun.flink.harness.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.harness.HarnessJob;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.annotations.Persisted;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.spi.StatefulFunctionModule;
import io.statefun.sdk.state.Expiration;
import io.statefun.sdk.state.PersistedValue;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * State expiration: a value that expires {@value #TTL_MS} ms after it was written reads as null
 * once that time has passed without writes (reading does not refresh it), while a value without
 * expiration keeps its value. Each address is written once, then probed by a paced ingress about
 * every 100 ms; the function measures how long ago it wrote, so the assertions do not depend on
 * when the job got going. The job runs until every address was probed at least {@value #LATE_MS} ms
 * after its write.
 */
class StateTtlTest {
  static final String NS = "it-ttl";
  static final IngressIdentifier<Command> COMMANDS =
      new IngressIdentifier<>(Command.class, NS, "commands");
  static final EgressIdentifier<Observation> OBSERVATIONS =
      new EgressIdentifier<>(NS, "observations", Observation.class);
  static final FunctionType TTL_FN = new FunctionType(NS, "ttl");

  static final long TTL_MS =
      1000; // leaves a loaded machine time to read the value before it expires
  static final long LATE_MS = 2500;

  static final int ADDRESSES = 2;
  static final double COMMANDS_PER_SECOND = 20; // each address probed about every 100 ms
  static final long COMMAND_COUNT = 1_000; // far more than needed; the test stops when done

  record Command(String id, boolean write) {}

  /**
   * What a probe read, and bounds on the age of the expiring value when it was read: the clock is
   * read around the write and around the read, so {@code minAgeMs <= age <= maxAgeMs} exactly.
   */
  record Observation(String id, long minAgeMs, long maxAgeMs, String expiring, String durable) {}

  static Command commandAt(long index) {
    return new Command("t-" + (index % ADDRESSES), index < ADDRESSES);
  }

  static final class TtlFn implements StatefulFunction {
    @Persisted
    private final PersistedValue<String> expiring =
        PersistedValue.of(
            "expiring", String.class, Expiration.expireAfterWriting(Duration.ofMillis(TTL_MS)));

    @Persisted
    private final PersistedValue<String> durable = PersistedValue.of("durable", String.class);

    @Persisted
    private final PersistedValue<Long> writeStarted =
        PersistedValue.of("write-started", Long.class);

    @Persisted
    private final PersistedValue<Long> writeEnded = PersistedValue.of("write-ended", Long.class);

    @Override
    public void invoke(Context context, Object input) {
      Command command = (Command) input;
      String id = context.self().id();
      if (command.write()) {
        writeStarted.set(System.currentTimeMillis());
        expiring.set("expiring-" + id);
        writeEnded.set(System.currentTimeMillis());
        durable.set("durable-" + id);
        context.send(context.self(), new Command(id, false)); // an early probe
        return;
      }
      Long started = writeStarted.get();
      if (started == null) {
        return; // a probe that overtook the write
      }
      long before = System.currentTimeMillis();
      String value = expiring.get();
      long after = System.currentTimeMillis();
      context.send(
          OBSERVATIONS,
          new Observation(id, before - writeEnded.get(), after - started, value, durable.get()));
    }
  }

  static final class Module implements StatefulFunctionModule, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      binder.bindIngressRouter(
          COMMANDS, (command, downstream) -> downstream.forward(TTL_FN, command.id(), command));
      binder.bindFunctionProvider(TTL_FN, type -> new TtlFn());
    }
  }

  private String sink;

  @BeforeEach
  void openSink() {
    ItSupport.clearSinks();
    sink = ItSupport.openSink("observations");
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void anExpiringValueReadsAsNullAfterItsTimeToLiveAndADurableOneStays(String backend)
      throws Exception {
    List<Observation> observations;
    try (HarnessJob job =
        ItSupport.harness(backend)
            .withModule(new Module())
            .withGeneratedIngress(
                COMMANDS, COMMAND_COUNT, StateTtlTest::commandAt, COMMANDS_PER_SECOND)
            .withConsumingEgress(OBSERVATIONS, ItSupport.into(sink))
            .startAsync()) {
      ItSupport.await(
          job,
          () -> everyAddressObservedAfter(ItSupport.records(sink), LATE_MS),
          () -> "a probe " + LATE_MS + " ms after each write; got " + ItSupport.records(sink));
      job.cancel();
      observations = ItSupport.records(sink);
    }

    for (int a = 0; a < ADDRESSES; a++) {
      String id = "t-" + a;
      List<Observation> ofId = observations.stream().filter(o -> o.id().equals(id)).toList();
      assertThat(ofId)
          .as("durable value of %s in %s", id, ofId)
          .allMatch(o -> ("durable-" + id).equals(o.durable()));
      assertThat(ofId)
          .as("observations of %s before the time to live", id)
          .filteredOn(o -> o.maxAgeMs() < TTL_MS)
          .isNotEmpty()
          .allMatch(o -> ("expiring-" + id).equals(o.expiring()));
      assertThat(ofId)
          .as("observations of %s after the time to live", id)
          .filteredOn(o -> o.minAgeMs() >= TTL_MS)
          .isNotEmpty()
          .allMatch(o -> o.expiring() == null)
          .anyMatch(o -> o.minAgeMs() >= LATE_MS);
    }
  }

  private static boolean everyAddressObservedAfter(List<Observation> observations, long ms) {
    for (int a = 0; a < ADDRESSES; a++) {
      String id = "t-" + a;
      if (observations.stream().noneMatch(o -> o.id().equals(id) && o.minAgeMs() >= ms)) {
        return false;
      }
    }
    return true;
  }
}
