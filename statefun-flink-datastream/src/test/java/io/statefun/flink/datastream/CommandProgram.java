package io.statefun.flink.datastream;

import io.statefun.flink.core.message.RoutableMessage;
import io.statefun.flink.core.message.RoutableMessageBuilder;
import io.statefun.sdk.Address;
import io.statefun.sdk.AsyncOperationResult;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.annotations.Persisted;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.state.PersistedValue;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * A DataStream program with statefun in the middle: a Flink source of indices, a flat-map that
 * turns each into a tree of commands (plus, once, the token of an endless ping-pong between two
 * subtasks), the functions (commands travel between addresses by plain sends, delayed sends,
 * cancelled delayed sends and async operations), then the report egress as a stream, summed per
 * address in a keyed Flink operator and written to a sink. The sum each address must reach follows
 * from the generator alone, and a duplicate or a loss anywhere shows as a wrong sum.
 */
final class CommandProgram {
  static final String PIPELINE = "commands";
  static final int MAX_PARALLELISM = 64;
  static final int ADDRESSES = 500;
  static final int MAX_DEPTH = 5;
  static final long SEED = 0x0da7_a5ea_3L;

  static final FunctionType COUNTER = new FunctionType("ds", "counter");
  static final FunctionType PINGER = new FunctionType("ds", "pinger");
  static final EgressIdentifier<Report> REPORTS =
      new EgressIdentifier<>("ds", "reports", Report.class);

  /** Two pinger ids on different subtasks at parallelism 2 and 3. */
  static final String[] PINGER_IDS = pingerIds();

  /** Failures a test arms; each fires once, in whichever subtask gets there first. */
  static final AtomicBoolean FAIL_AFTER_EGRESS = new AtomicBoolean();

  static final AtomicBoolean FAIL_IN_FLAT_MAP = new AtomicBoolean();

  /** The highest attempt number a counter ran in: above 0 once the job restarted. */
  static final AtomicInteger HIGHEST_ATTEMPT = new AtomicInteger();

  private CommandProgram() {}

  enum Delivery {
    SEND,
    SEND_AFTER,
    /** Sent after a delay with a cancellation token, then cancelled: must never arrive. */
    CANCELLED,
    /** Carried by an async operation's result (or sent on UNKNOWN after a restore). */
    ASYNC
  }

  record Command(int target, int increments, Delivery delivery, List<Command> children)
      implements Serializable {}

  record Ping(long hop) implements Serializable {}

  record Query(int target) implements Serializable {}

  /** An address's increment ({@code delta}) after a command, or its count in answer to a query. */
  record Report(int address, long delta, long count, boolean answer) implements Serializable {}

  static Command commandAt(long index) {
    SplittableRandom random = new SplittableRandom(SEED ^ (index * 0x9E3779B97F4A7C15L));
    return node(random, Delivery.SEND, 1);
  }

  private static Command node(SplittableRandom random, Delivery delivery, int depth) {
    int target = random.nextInt(ADDRESSES);
    int increments = random.nextInt(3);
    List<Command> children = new ArrayList<>();
    if (depth < MAX_DEPTH) {
      int fanOut = random.nextInt(depth == 1 ? 4 : 3);
      for (int i = 0; i < fanOut; i++) {
        int kind = random.nextInt(10);
        Delivery child =
            kind < 6
                ? Delivery.SEND
                : kind == 6 ? Delivery.SEND_AFTER : kind == 7 ? Delivery.CANCELLED : Delivery.ASYNC;
        children.add(node(random, child, depth + 1));
      }
    }
    return new Command(target, increments, delivery, children);
  }

  /** The count every address must reach after commands {@code 0 … count - 1}. */
  static long[] expectedCounts(long count) {
    long[] expected = new long[ADDRESSES];
    for (long i = 0; i < count; i++) {
      accumulate(commandAt(i), expected);
    }
    return expected;
  }

  private static void accumulate(Command command, long[] expected) {
    if (command.delivery() == Delivery.CANCELLED) {
      return;
    }
    expected[command.target()] += command.increments();
    command.children().forEach(child -> accumulate(child, expected));
  }

  private static String[] pingerIds() {
    for (int a = 0; a < 100; a++) {
      for (int b = a + 1; b < 100; b++) {
        Address first = new Address(PINGER, "pinger-" + a);
        Address second = new Address(PINGER, "pinger-" + b);
        if (subtask(first, 2) != subtask(second, 2) && subtask(first, 3) != subtask(second, 3)) {
          return new String[] {first.id(), second.id()};
        }
      }
    }
    throw new IllegalStateException("no pinger pair found");
  }

  private static int subtask(Address address, int parallelism) {
    return KeyGroupRangeAssignment.assignKeyToParallelOperator(
        address, MAX_PARALLELISM, parallelism);
  }

  static Address address(int id) {
    return new Address(COUNTER, Integer.toString(id));
  }

  static final class CounterFn implements StatefulFunction {
    @Persisted private final PersistedValue<Long> count = PersistedValue.of("count", Long.class);

    @Override
    public void invoke(Context context, Object input) {
      int self = Integer.parseInt(context.self().id());
      if (input instanceof Query) {
        context.send(REPORTS, new Report(self, 0, count.getOrDefault(0L), true));
        return;
      }
      if (input instanceof AsyncOperationResult<?, ?> result) {
        if (result.failure()) {
          throw new IllegalStateException("async operation failed", result.throwable());
        }
        Command child = (Command) result.metadata();
        context.send(address(child.target()), child);
        return;
      }
      String thread = Thread.currentThread().getName(); // "… (i/p)#attempt"
      HIGHEST_ATTEMPT.accumulateAndGet(
          Integer.parseInt(thread.substring(thread.lastIndexOf('#') + 1)), Math::max);
      Command command = (Command) input;
      long now = count.getOrDefault(0L) + command.increments();
      count.set(now);
      if (command.increments() > 0) {
        context.send(REPORTS, new Report(self, command.increments(), now, false));
      }
      for (int i = 0; i < command.children().size(); i++) {
        Command child = command.children().get(i);
        Address to = address(child.target());
        switch (child.delivery()) {
          case SEND -> context.send(to, child);
          case SEND_AFTER ->
              context.sendAfter(Duration.ofMillis(20 + child.target() % 50), to, child);
          case CANCELLED -> {
            String token = "cancel-" + i;
            context.sendAfter(Duration.ofMillis(300), to, child, token);
            context.cancelDelayedMessage(token);
          }
          case ASYNC ->
              context.registerAsyncOperation(
                  child,
                  CompletableFuture.supplyAsync(
                      () -> child, TestDelays.after(5 + child.target() % 20)));
        }
      }
    }
  }

  static final class PingerFn implements StatefulFunction {
    @Persisted private final PersistedValue<Long> hops = PersistedValue.of("hops", Long.class);

    @Override
    public void invoke(Context context, Object input) {
      hops.set(hops.getOrDefault(0L) + 1);
      String partner = context.self().id().equals(PINGER_IDS[0]) ? PINGER_IDS[1] : PINGER_IDS[0];
      context.send(PINGER, partner, new Ping(((Ping) input).hop() + 1));
    }
  }

  /** Index i becomes command i (below {@code count}); index 0 also starts the ping-pong. */
  static final class ToCommands implements FlatMapFunction<Long, RoutableMessage> {
    private final long count;

    ToCommands(long count) {
      this.count = count;
    }

    @Override
    public void flatMap(Long index, Collector<RoutableMessage> out) {
      if (FAIL_IN_FLAT_MAP.compareAndSet(true, false)) {
        throw new IllegalStateException("injected failure in the flat-map before statefun");
      }
      if (index >= count) {
        return;
      }
      Command command = commandAt(index);
      out.collect(
          RoutableMessageBuilder.builder()
              .withTargetAddress(address(command.target()))
              .withMessageBody(command)
              .build());
      if (index == 0) {
        out.collect(
            RoutableMessageBuilder.builder()
                .withTargetAddress(PINGER, PINGER_IDS[0])
                .withMessageBody(new Ping(0))
                .build());
      }
    }
  }

  static final class ToQueries implements FlatMapFunction<Long, RoutableMessage> {
    @Override
    public void flatMap(Long index, Collector<RoutableMessage> out) {
      if (index < ADDRESSES) {
        out.collect(
            RoutableMessageBuilder.builder()
                .withTargetAddress(address(index.intValue()))
                .withMessageBody(new Query(index.intValue()))
                .build());
      }
    }
  }

  /** Sums the reported increments per address, in Flink keyed state. */
  static final class SumDeltas
      extends KeyedProcessFunction<Integer, Report, Tuple2<Integer, Long>> {
    private transient ValueState<Long> sum;

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext context) {
      sum = getRuntimeContext().getState(new ValueStateDescriptor<>("sum", Types.LONG));
    }

    @Override
    public void processElement(Report report, Context context, Collector<Tuple2<Integer, Long>> out)
        throws Exception {
      if (FAIL_AFTER_EGRESS.compareAndSet(true, false)) {
        throw new IllegalStateException("injected failure in the keyed operator after statefun");
      }
      long now = (sum.value() == null ? 0L : sum.value()) + report.delta();
      sum.update(now);
      out.collect(Tuple2.of(report.address(), now));
    }
  }

  /**
   * Adds the program to {@code env}: {@code commands} commands at {@code rate} per second, and,
   * with {@code queries}, one query per address.
   */
  static void addTo(
      StreamExecutionEnvironment env,
      long commands,
      double rate,
      boolean queries,
      CollectingSink<Tuple2<Integer, Long>> sums,
      CollectingSink<Report> answers) {
    env.setMaxParallelism(MAX_PARALLELISM);
    DataStream<RoutableMessage> commandStream =
        env.fromSource(
                new DataGeneratorSource<>(
                    index -> index,
                    Long.MAX_VALUE,
                    RateLimiterStrategy.perSecond(rate),
                    Types.LONG),
                WatermarkStrategy.noWatermarks(),
                "indices")
            .uid("indices")
            .setParallelism(1)
            .flatMap(new ToCommands(commands))
            .uid("to-commands");

    StatefulFunctionDataStreamBuilder builder =
        StatefulFunctionDataStreamBuilder.builder(PIPELINE)
            .withDataStreamAsIngress(commandStream)
            .withFunctionProvider(COUNTER, type -> new CounterFn())
            .withFunctionProvider(PINGER, type -> new PingerFn())
            .withEgressId(REPORTS);
    if (queries) {
      builder.withDataStreamAsIngress(
          env.fromSource(
                  new DataGeneratorSource<>(
                      index -> index,
                      Long.MAX_VALUE,
                      RateLimiterStrategy.perSecond(2000),
                      Types.LONG),
                  WatermarkStrategy.noWatermarks(),
                  "query indices")
              .uid("query-indices")
              .setParallelism(1)
              .flatMap(new ToQueries())
              .uid("to-queries"));
    }
    StatefulFunctionEgressStreams egresses = builder.build(env);
    // Only after the build: statefun takes savepoints of a job whose checkpointing the program
    // enables at any point before it runs (the JobManager's view decides, not the build's).
    env.enableCheckpointing(200);

    DataStream<Report> reports = egresses.getDataStreamForEgressId(REPORTS);
    reports
        .filter(report -> !report.answer())
        .keyBy(Report::address, Types.INT)
        .process(new SumDeltas())
        .uid("sum-deltas")
        .returns(Types.TUPLE(Types.INT, Types.LONG))
        .sinkTo(sums)
        .uid("sums");
    reports.filter(Report::answer).sinkTo(answers).uid("answers");
  }
}
