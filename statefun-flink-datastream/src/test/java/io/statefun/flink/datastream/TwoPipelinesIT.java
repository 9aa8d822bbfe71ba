package io.statefun.flink.datastream;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.core.message.RoutableMessage;
import io.statefun.flink.core.message.RoutableMessageBuilder;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.annotations.Persisted;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.state.PersistedValue;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two statefun pipelines in one job, one feeding the other through a DataStream operator. Both bind
 * the same function types, the same egress and the same endlessly ping-ponging addresses, so a uid,
 * co-location group or feedback channel shared between them would fail the job or hand one
 * pipeline's messages to the other; every message must instead come out of its own pipeline,
 * exactly once.
 */
class TwoPipelinesIT {
  static final long NUMBERS = 300;
  static final FunctionType FIRST = new FunctionType("relay", "first");
  static final FunctionType SECOND = new FunctionType("relay", "second");
  static final FunctionType PINGER = new FunctionType("relay", "pinger");
  static final EgressIdentifier<String> OUT = new EgressIdentifier<>("relay", "out", String.class);

  record Tagged(String pipeline, long number) implements Serializable {}

  record Ping(long hop) implements Serializable {}

  /** Counts what it relays, then hands it to the second function at another address. */
  static final class FirstFn implements StatefulFunction {
    private final String pipeline;
    @Persisted private final PersistedValue<Long> seen = PersistedValue.of("seen", Long.class);

    FirstFn(String pipeline) {
      this.pipeline = pipeline;
    }

    @Override
    public void invoke(Context context, Object input) {
      if (input instanceof Ping ping) {
        String partner = context.self().id().equals("ping-a") ? "ping-b" : "ping-a";
        context.send(FIRST, partner, new Ping(ping.hop() + 1));
        return;
      }
      long number = (Long) input;
      seen.set(seen.getOrDefault(0L) + 1);
      context.send(SECOND, "second-" + number, new Tagged(pipeline, number));
    }
  }

  /** Emits what reached it, marked if it came from the other pipeline. */
  static final class SecondFn implements StatefulFunction {
    private final String pipeline;

    SecondFn(String pipeline) {
      this.pipeline = pipeline;
    }

    @Override
    public void invoke(Context context, Object input) {
      Tagged tagged = (Tagged) input;
      context.send(
          OUT,
          tagged.pipeline().equals(pipeline)
              ? pipeline + ":" + tagged.number()
              : "crossed from " + tagged.pipeline() + " into " + pipeline);
    }
  }

  static final class ToMessages implements FlatMapFunction<Long, RoutableMessage> {
    @Override
    public void flatMap(Long index, Collector<RoutableMessage> out) {
      if (index < NUMBERS) {
        out.collect(message(index));
      }
      if (index == 0) {
        out.collect(
            RoutableMessageBuilder.builder()
                .withTargetAddress(FIRST, "ping-a")
                .withMessageBody(new Ping(0))
                .build());
      }
    }
  }

  static RoutableMessage message(long number) {
    return RoutableMessageBuilder.builder()
        .withTargetAddress(FIRST, "first-" + number % 7)
        .withMessageBody(number)
        .build();
  }

  static DataStream<String> relay(String name, DataStream<RoutableMessage> input) {
    StreamExecutionEnvironment env = input.getExecutionEnvironment();
    return StatefulFunctionDataStreamBuilder.builder(name)
        .withDataStreamAsIngress(input)
        .withFunctionProvider(FIRST, type -> new FirstFn(name))
        .withFunctionProvider(SECOND, type -> new SecondFn(name))
        .withEgressId(OUT)
        .build(env)
        .getDataStreamForEgressId(OUT);
  }

  @TempDir Path dir;

  @Test
  void theSecondPipelineReadsTheFirstsEgressAndEachMessageStaysInItsPipeline() throws Exception {
    CollectingSink<String> leftOut = CollectingSink.open("left");
    CollectingSink<String> rightOut = CollectingSink.open("right");
    try {
      StreamExecutionEnvironment env = LocalJob.environment("hashmap", 2, dir, null);
      env.enableCheckpointing(200);
      DataStream<RoutableMessage> numbers =
          env.fromSource(
                  new DataGeneratorSource<>(
                      index -> index,
                      Long.MAX_VALUE,
                      RateLimiterStrategy.perSecond(500),
                      Types.LONG),
                  WatermarkStrategy.noWatermarks(),
                  "numbers")
              .setParallelism(1)
              .flatMap(new ToMessages());

      DataStream<String> left = relay("left", numbers);
      left.sinkTo(leftOut);
      DataStream<RoutableMessage> leftToRight =
          left.flatMap(
              (String line, Collector<RoutableMessage> out) -> {
                out.collect(message(Long.parseLong(line.substring("left:".length()))));
                if (line.equals("left:0")) {
                  out.collect(
                      RoutableMessageBuilder.builder()
                          .withTargetAddress(FIRST, "ping-a")
                          .withMessageBody(new Ping(0))
                          .build());
                }
              },
              io.statefun.flink.core.message.RoutableMessageTypeInfo.INSTANCE);
      relay("right", leftToRight).sinkTo(rightOut);

      try (LocalJob job = LocalJob.start(env, "two pipelines")) {
        job.await(
            () -> rightOut.records().size() >= NUMBERS,
            () -> rightOut.records().size() + " of " + NUMBERS + " through both pipelines");
        Thread.sleep(500); // a duplicate would arrive right behind
      }

      List<String> expectedLeft = new ArrayList<>();
      List<String> expectedRight = new ArrayList<>();
      for (long n = 0; n < NUMBERS; n++) {
        expectedLeft.add("left:" + n);
        expectedRight.add("right:" + n);
      }
      assertThat(new ArrayList<>(leftOut.records()))
          .containsExactlyInAnyOrderElementsOf(expectedLeft);
      assertThat(new ArrayList<>(rightOut.records()))
          .containsExactlyInAnyOrderElementsOf(expectedRight);
    } finally {
      leftOut.close();
      rightOut.close();
    }
  }
}
