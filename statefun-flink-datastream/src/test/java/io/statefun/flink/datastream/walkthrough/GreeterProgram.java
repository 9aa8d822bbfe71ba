package io.statefun.flink.datastream.walkthrough;

import io.statefun.flink.core.StatefulFunctionsConfig;
import io.statefun.flink.core.message.MessageFactoryType;
import io.statefun.flink.core.message.RoutableMessage;
import io.statefun.flink.core.message.RoutableMessageBuilder;
import io.statefun.flink.datastream.StatefulFunctionDataStreamBuilder;
import io.statefun.flink.datastream.StatefulFunctionEgressStreams;
import io.statefun.sdk.io.EgressIdentifier;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The DataStream walkthrough of the deployment docs, as a program: the page imports its regions,
 * and {@code GreeterProgramIT} runs it.
 */
public final class GreeterProgram {
  static final String[] NAMES = {"Alice", "Bob", "Carol"};

  public static final EgressIdentifier<String> GREETINGS =
      new EgressIdentifier<>("walkthrough", "greetings", String.class);

  private GreeterProgram() {}

  // #region main
  public static void main(String[] args) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.enableCheckpointing(10_000);
    greetings(env, 1_000_000).print();
    env.execute("greeter");
  }

  // #endregion main

  /** Everything up to the greetings stream: {@code count} names, then silence. */
  static DataStream<String> greetings(StreamExecutionEnvironment env, long count) {
    // 1. Any DataStream, turned into messages for functions.
    // #region ingress
    DataStream<RoutableMessage> names =
        env.fromSource(
                new DataGeneratorSource<>(
                    index -> index, Long.MAX_VALUE, RateLimiterStrategy.perSecond(10), Types.LONG),
                WatermarkStrategy.noWatermarks(),
                "indices")
            .filter(index -> index < count)
            .map(index -> NAMES[(int) (index % NAMES.length)])
            .map(
                name ->
                    RoutableMessageBuilder.builder()
                        .withTargetAddress(GreeterFn.TYPE, name)
                        .withMessageBody(name)
                        .build());
    // #endregion ingress

    // 2. Optional: statefun.* settings (by default those of the environment's configuration).
    // #region config
    StatefulFunctionsConfig config = StatefulFunctionsConfig.fromEnvironment(env);
    config.setFactoryType(MessageFactoryType.WITH_KRYO_PAYLOADS);
    // #endregion config

    // 3. The functions, and the egresses that come back as streams.
    // #region builder
    StatefulFunctionEgressStreams egresses =
        StatefulFunctionDataStreamBuilder.builder("greeter")
            .withDataStreamAsIngress(names)
            .withFunctionProvider(GreeterFn.TYPE, type -> new GreeterFn())
            .withEgressId(GREETINGS)
            .withConfiguration(config)
            .build(env);
    // #endregion builder

    // 4. An egress is a DataStream like any other.
    // #region egress
    return egresses.getDataStreamForEgressId(GREETINGS).map(String::toUpperCase);
    // #endregion egress
  }
}
