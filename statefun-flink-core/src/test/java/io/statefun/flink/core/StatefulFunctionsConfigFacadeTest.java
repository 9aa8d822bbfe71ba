package io.statefun.flink.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.flink.core.message.JavaSerializationPayloadSerializer;
import io.statefun.flink.core.message.MessageFactoryType;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

class StatefulFunctionsConfigFacadeTest {
  private static final ClassLoader LOADER =
      StatefulFunctionsConfigFacadeTest.class.getClassLoader();

  @Test
  void startsFromTheEnvironmentsStatefunSettings() {
    Configuration flink = new Configuration();
    flink.setString("statefun.message.serializer", "raw");
    flink.setString("statefun.module.global-config.greeting", "hello");
    flink.setString("state.backend.type", "rocksdb");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);

    StatefulFunctionsConfig config = StatefulFunctionsConfig.fromEnvironment(env);

    assertThat(config.getFactoryType()).isEqualTo(MessageFactoryType.WITH_RAW_PAYLOADS);
    assertThat(config.getGlobalConfigurations()).containsExactly(Map.entry("greeting", "hello"));
    assertThat(config.toString()).doesNotContain("state.backend.type");
  }

  @Test
  void settersChangeTheResolvedConfiguration() {
    StatefulFunctionsConfig config =
        StatefulFunctionsConfig.fromFlinkConfiguration(new Configuration());
    config.setFactoryType(MessageFactoryType.WITH_RAW_PAYLOADS);
    config.setFeedbackBufferSize(MemorySize.ofMebiBytes(8));
    config.setMaxAsyncOperationsPerTask(17);
    config.setGlobalConfiguration("a", "1");
    config.addAllGlobalConfigurations(Map.of("b", "2"));
    config.set("statefun.local.max-batch", "9");
    config.setFlinkJobName("ignored-by-the-datastream-builder");

    io.statefun.flink.core.config.StatefulFunctionsConfig resolved =
        config.resolve(new Configuration(), LOADER);

    assertThat(resolved.payloadSerializer().name()).isEqualTo("raw");
    assertThat(resolved.feedbackMemory()).isEqualTo(MemorySize.ofMebiBytes(8));
    assertThat(resolved.asyncMaxPerTask()).isEqualTo(17);
    assertThat(resolved.localMaxBatch()).isEqualTo(9);
    assertThat(resolved.globalConfig()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
    assertThat(config.getFeedbackBufferSize()).isEqualTo(MemorySize.ofMebiBytes(8));
    assertThat(config.getMaxAsyncOperationsPerTask()).isEqualTo(17);
    assertThat(config.getFlinkJobName()).isEqualTo("ignored-by-the-datastream-builder");
  }

  @Test
  void aCustomSerializerIsNamedByTypeAndClass() {
    StatefulFunctionsConfig config =
        StatefulFunctionsConfig.fromFlinkConfiguration(new Configuration());
    config.setFactoryType(MessageFactoryType.WITH_CUSTOM_PAYLOADS);
    config.setCustomPayloadSerializerClassName(JavaSerializationPayloadSerializer.class.getName());

    assertThat(config.getFactoryType()).isEqualTo(MessageFactoryType.WITH_CUSTOM_PAYLOADS);
    assertThat(config.resolve(new Configuration(), LOADER).payloadSerializer().name())
        .isEqualTo(JavaSerializationPayloadSerializer.class.getName());

    StatefulFunctionsConfig named =
        StatefulFunctionsConfig.fromFlinkConfiguration(new Configuration());
    named.set("statefun.message.serializer", JavaSerializationPayloadSerializer.class.getName());
    assertThat(named.getFactoryType()).isEqualTo(MessageFactoryType.WITH_CUSTOM_PAYLOADS);
    assertThat(StatefulFunctionsConfig.fromFlinkConfiguration(new Configuration()).getFactoryType())
        .isEqualTo(MessageFactoryType.WITH_KRYO_PAYLOADS);
  }

  @Test
  void theFacadesStatefunSettingsReplaceTheEnvironmentsAndFlinkSettingsComeFromTheEnvironment() {
    Configuration flink = new Configuration();
    flink.setString("statefun.message.serializer", "raw");
    flink.setString("state.backend.type", "rocksdb");
    flink.setString("state.backend.rocksdb.timer-service.factory", "HEAP");
    StatefulFunctionsConfig config =
        StatefulFunctionsConfig.fromFlinkConfiguration(new Configuration());

    assertThatThrownBy(() -> config.resolve(flink, LOADER))
        .isInstanceOf(IllegalConfigurationException.class)
        .hasMessageContaining("state.backend.rocksdb.timer-service.factory");
    flink.setString("state.backend.rocksdb.timer-service.factory", "ROCKSDB");
    assertThat(config.resolve(flink, LOADER).payloadSerializer().name()).isEqualTo("kryo");
  }

  @Test
  void invalidValuesFailAtResolveNamingTheKey() {
    StatefulFunctionsConfig config =
        StatefulFunctionsConfig.fromFlinkConfiguration(new Configuration());
    config.setMaxAsyncOperationsPerTask(0);

    assertThatThrownBy(() -> config.resolve(new Configuration(), LOADER))
        .isInstanceOf(IllegalConfigurationException.class)
        .hasMessageContaining("statefun.async.max-per-task");
    assertThatThrownBy(() -> config.set("state.backend.type", "rocksdb"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a statefun.* option");
  }
}
