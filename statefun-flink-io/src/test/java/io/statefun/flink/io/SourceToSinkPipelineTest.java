package io.statefun.flink.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.core.config.StatefulFunctionsConfig;
import io.statefun.flink.core.translation.StatefulFunctionsPipeline;
import io.statefun.flink.core.universe.ModuleSet;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A module bound with a {@link SourceIngressSpec} and a {@link SinkEgressSpec} runs on a
 * MiniCluster: every record of the (bounded) source reaches a function through the router, and
 * everything the functions emit reaches the sink exactly once.
 */
class SourceToSinkPipelineTest {
  static final IngressIdentifier<Long> NUMBERS =
      new IngressIdentifier<>(Long.class, "io-test", "numbers");
  static final EgressIdentifier<String> WORDS =
      new EgressIdentifier<>("io-test", "words", String.class);
  static final FunctionType ECHO = new FunctionType("io-test", "echo");
  static final long COUNT = 200;

  private final CollectingSink<String> sink = new CollectingSink<>("source-to-sink-test");

  @AfterEach
  void forget() {
    sink.forget();
  }

  static final class EchoFn implements StatefulFunction {
    @Override
    public void invoke(Context context, Object input) {
      context.send(WORDS, context.self().id() + ":" + input);
    }
  }

  static final class Module implements StatefulFunctionModule, Serializable {
    private static final long serialVersionUID = 1L;
    private final CollectingSink<String> sink;

    Module(CollectingSink<String> sink) {
      this.sink = sink;
    }

    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      binder.bindIngress(
          new SourceIngressSpec<>(
              NUMBERS, new NumberSequenceSource(1, COUNT), WatermarkStrategy.noWatermarks()));
      binder.bindIngressRouter(
          NUMBERS, (number, downstream) -> downstream.forward(ECHO, "id-" + number % 7, number));
      binder.bindFunctionProvider(ECHO, type -> new EchoFn());
      binder.bindEgress(new SinkEgressSpec<>(WORDS, sink));
    }
  }

  @Test
  void everySourceRecordIsRoutedInvokedAndEmittedToTheSinkOnce() throws Exception {
    Configuration flink = new Configuration();
    flink.setString("rest.bind-address", "127.0.0.1");
    flink.setString("rest.address", "127.0.0.1");
    flink.setString("rest.bind-port", "0");
    flink.setString("jobmanager.bind-host", "127.0.0.1");
    flink.setString("taskmanager.bind-host", "127.0.0.1");
    flink.setString("taskmanager.host", "127.0.0.1");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
    env.setParallelism(2);
    StatefulFunctionsConfig config =
        StatefulFunctionsConfig.fromFlinkConfiguration(flink, getClass().getClassLoader());
    StatefulFunctionsPipeline.build(
        env, config, ModuleSet.of(false, List.of(new Module(sink)), Map.of()), List.of());

    env.execute("source-to-sink");

    List<String> expected =
        LongStream.rangeClosed(1, COUNT)
            .mapToObj(n -> "id-" + n % 7 + ":" + n)
            .collect(Collectors.toList());
    assertThat(sink.records()).containsExactlyInAnyOrderElementsOf(expected);
  }
}
