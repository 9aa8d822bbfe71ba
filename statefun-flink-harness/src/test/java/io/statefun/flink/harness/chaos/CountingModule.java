package io.statefun.flink.harness.chaos;

import io.statefun.flink.harness.io.ConsumingSink;
import io.statefun.flink.harness.io.GeneratorSource;
import io.statefun.flink.io.SinkEgressSpec;
import io.statefun.flink.io.SourceIngressSpec;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.annotations.Persisted;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.spi.StatefulFunctionModule;
import io.statefun.sdk.state.PersistedValue;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * A small application for the kit's own tests: each command increments its key's counter, which
 * tells a reporter at another id (so usually on the other subtask, through the feedback loop); the
 * reporter emits {@code key=count}. Exactly once means each key's reports are 1..n, each once.
 */
final class CountingModule implements StatefulFunctionModule, Serializable {
  static final String NS = "kit-counting";
  static final IngressIdentifier<Command> COMMANDS =
      new IngressIdentifier<>(Command.class, NS, "commands");
  static final EgressIdentifier<String> REPORTS =
      new EgressIdentifier<>(NS, "reports", String.class);
  static final FunctionType COUNTER = new FunctionType(NS, "counter");
  static final FunctionType REPORTER = new FunctionType(NS, "reporter");
  static final int KEYS = 17;

  record Command(String key, long seq) implements Serializable {}

  record Count(String key, long count) implements Serializable {}

  static Command commandAt(long index) {
    return new Command("k" + Math.floorMod(index * 7919, KEYS), index);
  }

  /** The reports exactly-once processing of the first {@code commands} commands produces. */
  static List<String> expectedReports(long commands) {
    Map<String, Long> counts = new HashMap<>();
    List<String> expected = new ArrayList<>();
    for (long i = 0; i < commands; i++) {
      String key = commandAt(i).key();
      expected.add(key + "=" + counts.merge(key, 1L, Long::sum));
    }
    return expected;
  }

  static final class CounterFn implements StatefulFunction {
    @Persisted private final PersistedValue<Long> count = PersistedValue.of("count", Long.class);

    @Override
    public void invoke(Context context, Object input) {
      Command command = (Command) input;
      long next = count.updateAndGet(c -> c == null ? 1 : c + 1);
      context.send(REPORTER, "reporter-" + command.key(), new Count(command.key(), next));
    }
  }

  static final class ReporterFn implements StatefulFunction {
    @Override
    public void invoke(Context context, Object input) {
      Count count = (Count) input;
      context.send(REPORTS, count.key() + "=" + count.count());
    }
  }

  @Override
  public void configure(Map<String, String> globalConfiguration, Binder binder) {
    binder.bindIngress(
        new SourceIngressSpec<>(
            COMMANDS,
            new GeneratorSource<>(CountingModule::commandAt, 0, 0),
            WatermarkStrategy.noWatermarks()));
    binder.bindIngressRouter(
        COMMANDS, (command, downstream) -> downstream.forward(COUNTER, command.key(), command));
    binder.bindFunctionProvider(COUNTER, type -> new CounterFn());
    binder.bindFunctionProvider(REPORTER, type -> new ReporterFn());
    binder.bindEgress(new SinkEgressSpec<>(REPORTS, new ConsumingSink<String>(report -> {})));
  }
}
