package io.statefun.flink.core.config;

import io.statefun.flink.core.message.PayloadSerializerKind;
import java.io.Serializable;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;

/**
 * The validated {@code statefun.*} configuration of one job, read from Flink's configuration. Every
 * entry point (the job's main, the harness) builds one, so invalid settings fail before a job is
 * submitted, with the offending key in the message.
 */
@Internal
public final class StatefulFunctionsConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Read as a string so that statefun does not depend on the RocksDB backend's classes. */
  private static final ConfigOption<String> ROCKSDB_TIMER_SERVICE =
      ConfigOptions.key("state.backend.rocksdb.timer-service.factory")
          .stringType()
          .defaultValue("ROCKSDB");

  private final String jobName;
  private final PayloadSerializerKind payloadSerializer;
  private final MemorySize feedbackMemory;
  private final MemorySize feedbackChannelMemory;
  private final int localMaxBatch;
  private final int asyncMaxPerTask;
  private final Duration bufferTimeout;
  private final Duration feedbackBufferTimeout;
  private final Map<String, String> globalConfig;
  private final FailurePolicies failurePolicies;
  private final boolean serializeLocalMessages;

  private StatefulFunctionsConfig(ReadableConfig flink, ClassLoader classLoader) {
    Map<String, String> settings = flink.toMap();
    KnownKeys.check(settings);
    NotNegative.check(settings);
    this.jobName = flink.get(StatefulFunctionsOptions.FLINK_JOB_NAME);
    this.payloadSerializer =
        PayloadSerializerKind.parse(MessageSerializerSetting.of(flink), classLoader);
    this.feedbackMemory = flink.get(StatefulFunctionsOptions.FEEDBACK_MEMORY_SIZE);
    this.feedbackChannelMemory =
        atMost(
            flink,
            StatefulFunctionsOptions.FEEDBACK_CHANNEL_MEMORY_SIZE,
            MemorySize.ofMebiBytes(1024));
    this.localMaxBatch =
        positive(
            flink,
            StatefulFunctionsOptions.LOCAL_MAX_BATCH.key(),
            flink.get(StatefulFunctionsOptions.LOCAL_MAX_BATCH));
    this.asyncMaxPerTask =
        positive(
            flink,
            StatefulFunctionsOptions.ASYNC_MAX_PER_TASK.key(),
            flink.get(StatefulFunctionsOptions.ASYNC_MAX_PER_TASK));
    this.bufferTimeout = notNegative(flink, StatefulFunctionsOptions.NETWORK_BUFFER_TIMEOUT);
    this.feedbackBufferTimeout =
        notNegative(flink, StatefulFunctionsOptions.FEEDBACK_BUFFER_TIMEOUT);
    this.globalConfig = globalConfigOf(flink);
    this.failurePolicies = FailurePolicies.parse(settings);
    this.serializeLocalMessages = flink.get(StatefulFunctionsOptions.LOCAL_SERIALIZE);
  }

  /**
   * Reads and validates the statefun options and the Flink settings statefun depends on.
   *
   * @throws IllegalConfigurationException naming the key of an invalid or unsupported setting
   */
  public static StatefulFunctionsConfig fromFlinkConfiguration(
      ReadableConfig flink, ClassLoader classLoader) {
    validateFlinkSettings(flink);
    try {
      return new StatefulFunctionsConfig(flink, classLoader);
    } catch (IllegalArgumentException e) {
      throw new IllegalConfigurationException(e.getMessage(), e);
    }
  }

  private static void validateFlinkSettings(ReadableConfig flink) {
    String backend = flink.get(StateBackendOptions.STATE_BACKEND);
    String timers = flink.get(ROCKSDB_TIMER_SERVICE);
    if (backend != null
        // "rocksdb", or a factory class such as ...rocksdb.EmbeddedRocksDBStateBackendFactory
        && backend.toLowerCase(java.util.Locale.ROOT).contains("rocksdb")
        && timers.trim().equalsIgnoreCase("HEAP")) {
      throw new IllegalConfigurationException(
          "state.backend.rocksdb.timer-service.factory: HEAP is not supported with the RocksDB"
              + " state backend: statefun keeps its feedback log in raw keyed state, and Flink"
              + " cannot snapshot heap timers next to it. Use ROCKSDB (the default).");
    }
    if (flink.get(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE)
        != CheckpointingMode.EXACTLY_ONCE) {
      throw new IllegalConfigurationException(
          CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE.key()
              + ": "
              + flink.get(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE)
              + " is not supported: without aligned exactly-once barriers, messages in flight"
              + " around the feedback loop are applied twice after a restore, so state and egress"
              + " records are duplicated. Use EXACTLY_ONCE (the default).");
    }
  }

  private static int positive(ReadableConfig flink, String key, int value) {
    if (value < 1) {
      throw new IllegalConfigurationException(key + " must be at least 1, but is " + value);
    }
    return value;
  }

  private static MemorySize atMost(
      ReadableConfig flink, ConfigOption<MemorySize> option, MemorySize max) {
    MemorySize value = flink.get(option);
    if (value.compareTo(max) > 0) {
      throw new IllegalConfigurationException(
          option.key() + " must be at most " + max.toHumanReadableString() + ", but is " + value);
    }
    return value;
  }

  private static Map<String, String> globalConfigOf(ReadableConfig flink) {
    Map<String, String> global = new TreeMap<>();
    String prefix = StatefulFunctionsOptions.MODULE_GLOBAL_CONFIG_PREFIX;
    flink
        .toMap()
        .forEach(
            (key, value) -> {
              if (key.startsWith(prefix) && key.length() > prefix.length()) {
                global.put(key.substring(prefix.length()), value);
              }
            });
    return Collections.unmodifiableMap(global);
  }

  public String jobName() {
    return jobName;
  }

  public PayloadSerializerKind payloadSerializer() {
    return payloadSerializer;
  }

  public MemorySize feedbackMemory() {
    return feedbackMemory;
  }

  /** Memory of the feedback channel's records before it spills. */
  public MemorySize feedbackChannelMemory() {
    return feedbackChannelMemory;
  }

  public int localMaxBatch() {
    return localMaxBatch;
  }

  public int asyncMaxPerTask() {
    return asyncMaxPerTask;
  }

  /** The routers' output flush interval. */
  public Duration bufferTimeout() {
    return bufferTimeout;
  }

  /** The function operator's output flush interval: the hop between subtasks. */
  public Duration feedbackBufferTimeout() {
    return feedbackBufferTimeout;
  }

  private static Duration notNegative(ReadableConfig flink, ConfigOption<Duration> option) {
    Duration value = flink.get(option);
    if (value.isNegative()) {
      throw new IllegalConfigurationException(option.key() + " must not be negative");
    }
    return value;
  }

  /** Whether local messages are serialized and read back ({@code statefun.local.serialize}). */
  public boolean serializeLocalMessages() {
    return serializeLocalMessages;
  }

  /** The failure policy, by function type. */
  public FailurePolicies failurePolicies() {
    return failurePolicies;
  }

  /** The {@code statefun.module.global-config.*} entries without the prefix; unmodifiable. */
  public Map<String, String> globalConfig() {
    return globalConfig;
  }
}
