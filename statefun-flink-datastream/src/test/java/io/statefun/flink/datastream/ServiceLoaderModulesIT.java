package io.statefun.flink.datastream;

import static io.statefun.flink.datastream.ServiceLoadedEchoModule.ECHO;
import static io.statefun.flink.datastream.ServiceLoadedEchoModule.ECHOES;
import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.core.StatefulFunctionsConfig;
import io.statefun.flink.core.message.RoutableMessage;
import io.statefun.flink.core.message.RoutableMessageBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Modules the ServiceLoader finds ({@link ServiceLoadedEchoModule}) join a DataStream pipeline only
 * when the program asks for them, and then get the configured global configuration.
 */
class ServiceLoaderModulesIT {
  static final long COUNT = 5;

  @TempDir Path dir;

  private StatefulFunctionDataStreamBuilder echoes(StreamExecutionEnvironment env) {
    DataStream<RoutableMessage> words =
        env.fromSource(
                new DataGeneratorSource<>(
                    index -> index, Long.MAX_VALUE, RateLimiterStrategy.perSecond(50), Types.LONG),
                WatermarkStrategy.noWatermarks(),
                "indices")
            .filter(index -> index < COUNT)
            .map(
                index ->
                    RoutableMessageBuilder.builder()
                        .withTargetAddress(ECHO, "e" + index)
                        .withMessageBody("w" + index)
                        .build());
    return StatefulFunctionDataStreamBuilder.builder("echo")
        .withDataStreamAsIngress(words)
        .withEgressId(ECHOES);
  }

  @Test
  void aServiceLoadedModuleJoinsWhenAskedForAndGetsTheGlobalConfiguration() throws Exception {
    CollectingSink<String> out = CollectingSink.open("echoes");
    try {
      StreamExecutionEnvironment env = LocalJob.environment("hashmap", 2, dir, null);
      StatefulFunctionsConfig config = StatefulFunctionsConfig.fromEnvironment(env);
      config.setGlobalConfiguration("echo-prefix", "heard");
      echoes(env)
          .withServiceLoaderModules(true)
          .withConfiguration(config)
          .build(env)
          .getDataStreamForEgressId(ECHOES)
          .sinkTo(out);
      try (LocalJob job = LocalJob.start(env, "service-loaded")) {
        job.await(() -> out.records().size() >= COUNT, "an echo per word");
      }
      List<String> expected = new ArrayList<>();
      for (long i = 0; i < COUNT; i++) {
        expected.add("heard:w" + i);
      }
      assertThat(new ArrayList<>(out.records())).containsExactlyInAnyOrderElementsOf(expected);
    } finally {
      out.close();
    }
  }

  @Test
  void withoutServiceLoadedModulesTheFunctionTypeIsUnknown() throws Exception {
    StreamExecutionEnvironment env = LocalJob.environment("hashmap", 1, dir, null);
    env.configure(
        org.apache.flink.configuration.Configuration.fromMap(
            java.util.Map.of("restart-strategy.type", "none")));
    CollectingSink<String> out = CollectingSink.open("no-echoes");
    try {
      echoes(env).build(env).getDataStreamForEgressId(ECHOES).sinkTo(out);
      Throwable failure;
      try (LocalJob job = LocalJob.start(env, "not service-loaded")) {
        failure = job.awaitFailure();
      }
      assertThat(ExceptionUtils.stringifyException(failure)).contains("service-loaded/echo");
      assertThat(out.records()).isEmpty();
    } finally {
      out.close();
    }
  }
}
