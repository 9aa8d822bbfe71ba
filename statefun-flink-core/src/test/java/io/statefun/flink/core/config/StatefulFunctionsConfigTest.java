package io.statefun.flink.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.flink.core.message.JavaSerializationPayloadSerializer;
import io.statefun.flink.core.message.PayloadSerializerKind;
import io.statefun.sdk.FunctionType;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class StatefulFunctionsConfigTest {
  private static final ClassLoader LOADER = StatefulFunctionsConfigTest.class.getClassLoader();

  private static StatefulFunctionsConfig parse(Map<String, String> settings) {
    return StatefulFunctionsConfig.fromFlinkConfiguration(Configuration.fromMap(settings), LOADER);
  }

  private static void assertRejectedNaming(Map<String, String> settings, String key) {
    assertThatThrownBy(() -> parse(settings))
        .isInstanceOf(IllegalConfigurationException.class)
        .hasMessageContaining(key);
  }

  @Test
  void defaults() {
    StatefulFunctionsConfig config = parse(Map.of());

    assertThat(config.jobName()).isEqualTo("StatefulFunctions");
    assertThat(config.payloadSerializer()).isEqualTo(PayloadSerializerKind.DEFAULT);
    assertThat(config.payloadSerializer().name()).isEqualTo("kryo");
    assertThat(config.feedbackMemory()).isEqualTo(MemorySize.parse("32mb"));
    assertThat(config.feedbackChannelMemory()).isEqualTo(MemorySize.parse("32mb"));
    assertThat(config.localMaxBatch()).isEqualTo(4096);
    assertThat(config.asyncMaxPerTask()).isEqualTo(1024);
    assertThat(config.bufferTimeout()).isEqualTo(Duration.ofMillis(1));
    assertThat(config.feedbackBufferTimeout()).isEqualTo(Duration.ofMillis(1));
    assertThat(config.globalConfig()).isEmpty();
  }

  @Test
  void defaultsAgreeWithTheOptions() {
    StatefulFunctionsConfig config = parse(Map.of());

    assertThat(config.jobName()).isEqualTo(StatefulFunctionsOptions.FLINK_JOB_NAME.defaultValue());
    assertThat(config.feedbackMemory())
        .isEqualTo(StatefulFunctionsOptions.FEEDBACK_MEMORY_SIZE.defaultValue());
    assertThat(config.feedbackChannelMemory())
        .isEqualTo(StatefulFunctionsOptions.FEEDBACK_CHANNEL_MEMORY_SIZE.defaultValue());
    assertThat(config.localMaxBatch())
        .isEqualTo(StatefulFunctionsOptions.LOCAL_MAX_BATCH.defaultValue());
    assertThat(config.asyncMaxPerTask())
        .isEqualTo(StatefulFunctionsOptions.ASYNC_MAX_PER_TASK.defaultValue());
    assertThat(config.bufferTimeout())
        .isEqualTo(StatefulFunctionsOptions.NETWORK_BUFFER_TIMEOUT.defaultValue());
    assertThat(config.feedbackBufferTimeout())
        .isEqualTo(StatefulFunctionsOptions.FEEDBACK_BUFFER_TIMEOUT.defaultValue());
  }

  @Test
  void everyOptionIsParsed() {
    Map<String, String> settings = new HashMap<>();
    settings.put("statefun.flink-job-name", "rides");
    settings.put("statefun.message.serializer", "raw");
    settings.put("statefun.feedback.memory.size", "64mb");
    settings.put("statefun.feedback.channel.memory.size", "0b");
    settings.put("statefun.local.max-batch", "7");
    settings.put("statefun.async.max-per-task", "3");
    settings.put("statefun.network.buffer-timeout", "25 ms");
    settings.put("statefun.feedback.buffer-timeout", "3 ms");

    StatefulFunctionsConfig config = parse(settings);

    assertThat(config.jobName()).isEqualTo("rides");
    assertThat(config.payloadSerializer().name()).isEqualTo("raw");
    assertThat(config.feedbackMemory()).isEqualTo(MemorySize.ofMebiBytes(64));
    assertThat(config.feedbackChannelMemory()).isEqualTo(MemorySize.ZERO);
    assertThat(config.localMaxBatch()).isEqualTo(7);
    assertThat(config.asyncMaxPerTask()).isEqualTo(3);
    assertThat(config.bufferTimeout()).isEqualTo(Duration.ofMillis(25));
    assertThat(config.feedbackBufferTimeout()).isEqualTo(Duration.ofMillis(3));
  }

  @Test
  void theOtherBuiltInAndCustomSerializersAreAccepted() {
    assertThat(parse(Map.of("statefun.message.serializer", "protobuf")).payloadSerializer().name())
        .isEqualTo("protobuf");
    String custom = JavaSerializationPayloadSerializer.class.getName();
    assertThat(parse(Map.of("statefun.message.serializer", custom)).payloadSerializer().name())
        .isEqualTo(custom);
  }

  @Test
  void typedSettingsAreParsedToo() {
    Configuration flink = new Configuration();
    flink.set(StatefulFunctionsOptions.LOCAL_MAX_BATCH, 1);
    flink.set(StatefulFunctionsOptions.NETWORK_BUFFER_TIMEOUT, Duration.ZERO);

    StatefulFunctionsConfig config = StatefulFunctionsConfig.fromFlinkConfiguration(flink, LOADER);

    assertThat(config.localMaxBatch()).isEqualTo(1);
    assertThat(config.bufferTimeout()).isEqualTo(Duration.ZERO);
  }

  @Test
  void moduleGlobalConfigEntriesLoseTheirPrefix() {
    Map<String, String> settings = new HashMap<>();
    settings.put("statefun.module.global-config.a.b", "c");
    settings.put("statefun.module.global-config.kafka-address", "localhost:9092");
    settings.put("statefun.module.global-config.", "empty key is ignored");
    settings.put("statefun.local.max-batch", "5");
    settings.put("unrelated.a.b", "d");

    StatefulFunctionsConfig config = parse(settings);

    assertThat(config.globalConfig())
        .containsOnly(Map.entry("a.b", "c"), Map.entry("kafka-address", "localhost:9092"));
    assertThatThrownBy(() -> config.globalConfig().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void isJavaSerializable() throws Exception {
    StatefulFunctionsConfig config =
        parse(Map.of("statefun.module.global-config.a", "b", "statefun.local.max-batch", "9"));

    StatefulFunctionsConfig copy = InstantiationUtil.clone(config, LOADER);

    assertThat(copy.globalConfig()).containsExactly(Map.entry("a", "b"));
    assertThat(copy.localMaxBatch()).isEqualTo(9);
    assertThat(copy.payloadSerializer()).isEqualTo(config.payloadSerializer());
  }

  @Test
  void rocksDbWithHeapTimersIsRejectedNamingTheTimerKey() {
    assertRejectedNaming(
        Map.of(
            "state.backend.type", "rocksdb",
            "state.backend.rocksdb.timer-service.factory", "HEAP"),
        "state.backend.rocksdb.timer-service.factory");
    assertRejectedNaming(
        Map.of(
            "state.backend.type", "RocksDB",
            "state.backend.rocksdb.timer-service.factory", "heap"),
        "state.backend.rocksdb.timer-service.factory");
    assertRejectedNaming(
        Map.of(
            "state.backend.type",
                "org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackendFactory",
            "state.backend.rocksdb.timer-service.factory", "HEAP"),
        "state.backend.rocksdb.timer-service.factory");
  }

  @Test
  void rocksDbWithRocksDbTimersAndHashMapWithHeapTimersAreFine() {
    assertThatCode(
            () ->
                parse(
                    Map.of(
                        "state.backend.type", "rocksdb",
                        "state.backend.rocksdb.timer-service.factory", "ROCKSDB")))
        .doesNotThrowAnyException();
    assertThatCode(() -> parse(Map.of("state.backend.type", "rocksdb"))).doesNotThrowAnyException();
    assertThatCode(
            () ->
                parse(
                    Map.of(
                        "state.backend.type", "hashmap",
                        "state.backend.rocksdb.timer-service.factory", "HEAP")))
        .doesNotThrowAnyException();
  }

  @Test
  void unalignedCheckpointsAreAcceptedAlsoForcedOrAfterAnAlignmentTimeout() {
    // The feedback edge stays aligned whatever these say (see FeedbackEdgeAlignmentTest).
    assertThatCode(() -> parse(Map.of("execution.checkpointing.unaligned.enabled", "true")))
        .doesNotThrowAnyException();
    assertThatCode(
            () ->
                parse(
                    Map.of(
                        "execution.checkpointing.unaligned.enabled", "true",
                        "execution.checkpointing.unaligned.forced", "true",
                        "execution.checkpointing.aligned-checkpoint-timeout", "50 ms")))
        .doesNotThrowAnyException();
  }

  @Test
  void aChannelBudgetBeyondOneGigabyteIsRejectedNamingTheKey() {
    assertRejectedNaming(
        Map.of("statefun.feedback.channel.memory.size", "1025mb"),
        "statefun.feedback.channel.memory.size");
    assertRejectedNaming(
        Map.of("statefun.feedback.channel.memory.size", "lots"),
        "statefun.feedback.channel.memory.size");
    assertThat(
            parse(Map.of("statefun.feedback.channel.memory.size", "1gb")).feedbackChannelMemory())
        .isEqualTo(MemorySize.ofMebiBytes(1024));
  }

  @Test
  void aZeroLocalBatchIsRejectedNamingTheKey() {
    assertRejectedNaming(Map.of("statefun.local.max-batch", "0"), "statefun.local.max-batch");
    assertRejectedNaming(Map.of("statefun.local.max-batch", "-3"), "statefun.local.max-batch");
  }

  @Test
  void aZeroAsyncLimitIsRejectedNamingTheKey() {
    assertRejectedNaming(Map.of("statefun.async.max-per-task", "0"), "statefun.async.max-per-task");
  }

  @Test
  void anUnknownSerializerIsRejectedNamingTheKey() {
    assertRejectedNaming(
        Map.of("statefun.message.serializer", "nonsense"), "statefun.message.serializer");
  }

  @Test
  void aClassThatIsNotASerializerIsRejectedNamingTheKey() {
    assertRejectedNaming(
        Map.of("statefun.message.serializer", "java.lang.String"), "statefun.message.serializer");
  }

  @Test
  void aNegativeBufferTimeoutIsRejectedNamingTheKey() {
    Configuration flink = new Configuration();
    flink.set(StatefulFunctionsOptions.NETWORK_BUFFER_TIMEOUT, Duration.ofMillis(-1));

    assertThatThrownBy(() -> StatefulFunctionsConfig.fromFlinkConfiguration(flink, LOADER))
        .isInstanceOf(IllegalConfigurationException.class)
        .hasMessageContaining("statefun.network.buffer-timeout");
  }

  @Test
  void aNegativeBufferTimeoutGivenAsTextIsRejectedNamingTheKey() {
    assertRejectedNaming(
        Map.of("statefun.network.buffer-timeout", "-5 ms"), "statefun.network.buffer-timeout");
  }

  @Test
  void aNegativeFeedbackBufferTimeoutIsRejectedNamingTheKey() {
    assertRejectedNaming(
        Map.of("statefun.feedback.buffer-timeout", "-1 ms"), "statefun.feedback.buffer-timeout");
  }

  @Test
  void anUnparsableNumberIsRejectedNamingTheKey() {
    assertRejectedNaming(Map.of("statefun.local.max-batch", "many"), "statefun.local.max-batch");
  }

  @Test
  void anUnknownStatefunKeyIsRejectedNamingItAndTheNearestKnownKey() {
    assertThatThrownBy(() -> parse(Map.of("statefun.message.serialiser", "raw")))
        .isInstanceOf(IllegalConfigurationException.class)
        .hasMessageContaining("statefun.message.serialiser")
        .hasMessageContaining("did you mean statefun.message.serializer?");
    assertThatThrownBy(() -> parse(Map.of("statefun.local.max-batches", "-1")))
        .isInstanceOf(IllegalConfigurationException.class)
        .hasMessageContaining("statefun.local.max-batches")
        .hasMessageContaining("did you mean statefun.local.max-batch?");
    assertRejectedNaming(Map.of("statefun.unknown-option", "1"), "statefun.unknown-option");
  }

  @Test
  void keysOutsideStatefunAndModuleAndPerTypePolicyKeysAreNotChecked() {
    assertThatCode(
            () ->
                parse(
                    Map.of(
                        "unrelated.option", "1",
                        "statefun.module.global-config.anything.goes", "x",
                        "statefun.failure.policy.shop/cart", "dead-letter")))
        .doesNotThrowAnyException();
  }

  @Test
  void stateFun33KeysWithoutAnEquivalentAreRejectedSayingWhy() {
    assertThatThrownBy(() -> parse(Map.of("statefun.remote.module-name", "classpath:module.yaml")))
        .isInstanceOf(IllegalConfigurationException.class)
        .hasMessageContaining("statefun.remote.module-name is not supported");
  }

  @Test
  void negativeDurationsAndSizesSayMustNotBeNegativeWithTheKey() {
    assertThatThrownBy(() -> parse(Map.of("statefun.network.buffer-timeout", "-5 ms")))
        .hasMessageContaining("statefun.network.buffer-timeout must not be negative");
    assertThatThrownBy(() -> parse(Map.of("statefun.feedback.memory.size", "-1 mb")))
        .isInstanceOf(IllegalConfigurationException.class)
        .hasMessageContaining("statefun.feedback.memory.size must not be negative");
  }

  @Test
  void atLeastOnceCheckpointingIsRejectedNamingTheKey() {
    assertRejectedNaming(
        Map.of("execution.checkpointing.mode", "AT_LEAST_ONCE"), "execution.checkpointing.mode");
    assertThatCode(() -> parse(Map.of("execution.checkpointing.mode", "EXACTLY_ONCE")))
        .doesNotThrowAnyException();
  }

  @Test
  void failurePolicyDefaultsToFailAndIsOverriddenPerType() {
    FailurePolicies defaults = parse(Map.of()).failurePolicies();
    assertThat(defaults.of(new FunctionType("a", "b"))).isEqualTo(FailurePolicy.FAIL);
    assertThat(defaults.anyDeadLetter()).isFalse();

    FailurePolicies policies =
        parse(
                Map.of(
                    "statefun.failure.policy", "fail",
                    "statefun.failure.policy.shop/cart", "dead-letter"))
            .failurePolicies();
    assertThat(policies.of(new FunctionType("shop", "cart"))).isEqualTo(FailurePolicy.DEAD_LETTER);
    assertThat(policies.of(new FunctionType("shop", "other"))).isEqualTo(FailurePolicy.FAIL);
    assertThat(policies.ofIngress()).isEqualTo(FailurePolicy.FAIL);
    assertThat(policies.anyDeadLetter()).isTrue();
    assertThat(
            parse(Map.of("statefun.failure.policy", "dead-letter")).failurePolicies().ofIngress())
        .isEqualTo(FailurePolicy.DEAD_LETTER);
  }

  @Test
  void anInvalidFailurePolicyIsRejectedNamingTheKey() {
    assertRejectedNaming(Map.of("statefun.failure.policy", "skip"), "statefun.failure.policy");
    assertRejectedNaming(
        Map.of("statefun.failure.policy.shop/cart", "retry"), "statefun.failure.policy.shop/cart");
    assertRejectedNaming(
        Map.of("statefun.failure.policy.cart", "fail"), "statefun.failure.policy.cart");
  }

  @Test
  void stateFunSerializerNamesAreAliases() {
    assertThat(
            parse(Map.of("statefun.message.serializer", "WITH_KRYO_PAYLOADS")).payloadSerializer())
        .isEqualTo(PayloadSerializerKind.DEFAULT);
    assertThat(
            parse(Map.of("statefun.message.serializer", "WITH_PROTOBUF_PAYLOADS"))
                .payloadSerializer()
                .name())
        .isEqualTo("protobuf");
    assertThat(
            parse(Map.of("statefun.message.serializer", "WITH_RAW_PAYLOADS"))
                .payloadSerializer()
                .name())
        .isEqualTo("raw");
    assertThat(
            parse(
                    Map.of(
                        "statefun.message.serializer",
                        "WITH_CUSTOM_PAYLOADS",
                        "statefun.message.custom-payload-serializer-class",
                        JavaSerializationPayloadSerializer.class.getName()))
                .payloadSerializer()
                .name())
        .isEqualTo(JavaSerializationPayloadSerializer.class.getName());
  }

  @Test
  void customPayloadsWithoutTheClassOrTheClassWithoutCustomPayloadsAreRejected() {
    assertRejectedNaming(
        Map.of("statefun.message.serializer", "WITH_CUSTOM_PAYLOADS"),
        "statefun.message.custom-payload-serializer-class");
    assertRejectedNaming(
        Map.of(
            "statefun.message.serializer",
            "kryo",
            "statefun.message.custom-payload-serializer-class",
            JavaSerializationPayloadSerializer.class.getName()),
        "read only with statefun.message.serializer: WITH_CUSTOM_PAYLOADS");
  }
}
