package io.statefun.flink.core;

import io.statefun.flink.core.config.StatefulFunctionsOptions;
import io.statefun.flink.core.message.MessageFactoryType;
import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The {@code statefun.*} settings of a DataStream program, with StateFun 3.3's names: start from
 * the environment's configuration, change what the job needs, and hand it to the DataStream
 * builder. Nothing is checked until the builder adds the functions to a job; then these settings
 * and the environment's Flink settings are validated as on every other entry point.
 *
 * <pre>{@code
 * StatefulFunctionsConfig config = StatefulFunctionsConfig.fromEnvironment(env);
 * config.setFactoryType(MessageFactoryType.WITH_KRYO_PAYLOADS);
 * config.setGlobalConfiguration("greeting", "hello");
 * }</pre>
 */
public final class StatefulFunctionsConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final String PREFIX = "statefun.";

  /** Only {@code statefun.*} keys: Flink's own settings always come from the environment. */
  private final Map<String, String> settings = new TreeMap<>();

  private StatefulFunctionsConfig(ReadableConfig flink) {
    flink
        .toMap()
        .forEach(
            (key, value) -> {
              if (key.startsWith(PREFIX)) {
                settings.put(key, value);
              }
            });
  }

  /** The {@code statefun.*} settings of the environment's configuration. */
  public static StatefulFunctionsConfig fromEnvironment(StreamExecutionEnvironment env) {
    return new StatefulFunctionsConfig(env.getConfiguration());
  }

  /** The {@code statefun.*} settings of {@code flink}; its other keys are ignored. */
  public static StatefulFunctionsConfig fromFlinkConfiguration(ReadableConfig flink) {
    return new StatefulFunctionsConfig(flink);
  }

  /** How message payloads are serialized; {@code WITH_CUSTOM_PAYLOADS} needs the class too. */
  public void setFactoryType(MessageFactoryType factoryType) {
    settings.put(
        StatefulFunctionsOptions.MESSAGE_SERIALIZER.key(),
        Objects.requireNonNull(factoryType, "factory type").name());
  }

  /**
   * The serializer as a StateFun 3.3 factory type: a custom class (named here or through {@link
   * #setCustomPayloadSerializerClassName}) is {@code WITH_CUSTOM_PAYLOADS}.
   */
  public MessageFactoryType getFactoryType() {
    String value =
        settings.getOrDefault(
            StatefulFunctionsOptions.MESSAGE_SERIALIZER.key(),
            StatefulFunctionsOptions.MESSAGE_SERIALIZER.defaultValue());
    MessageFactoryType byName = MessageFactoryType.byName(value.trim());
    if (byName != null) {
      return byName;
    }
    for (MessageFactoryType type : MessageFactoryType.values()) {
      if (value.trim().equals(type.serializer())) {
        return type;
      }
    }
    return MessageFactoryType.WITH_CUSTOM_PAYLOADS;
  }

  /** The class of a custom payload serializer, used with {@code WITH_CUSTOM_PAYLOADS}. */
  public void setCustomPayloadSerializerClassName(String className) {
    set(StatefulFunctionsOptions.MESSAGE_CUSTOM_PAYLOAD_SERIALIZER_CLASS.key(), className);
  }

  public String getCustomPayloadSerializerClassName() {
    return settings.get(StatefulFunctionsOptions.MESSAGE_CUSTOM_PAYLOAD_SERIALIZER_CLASS.key());
  }

  /**
   * Kept for StateFun 3.3 programs; a DataStream program names its job in {@code env.execute}, so
   * the DataStream builder does not read it.
   */
  public void setFlinkJobName(String name) {
    set(StatefulFunctionsOptions.FLINK_JOB_NAME.key(), name);
  }

  public String getFlinkJobName() {
    return settings.getOrDefault(
        StatefulFunctionsOptions.FLINK_JOB_NAME.key(),
        StatefulFunctionsOptions.FLINK_JOB_NAME.defaultValue());
  }

  /**
   * Memory per subtask for the feedback log before it spills ({@code
   * statefun.feedback.memory.size}).
   */
  public void setFeedbackBufferSize(MemorySize size) {
    set(
        StatefulFunctionsOptions.FEEDBACK_MEMORY_SIZE.key(),
        Objects.requireNonNull(size, "feedback buffer size").toString());
  }

  public MemorySize getFeedbackBufferSize() {
    String value = settings.get(StatefulFunctionsOptions.FEEDBACK_MEMORY_SIZE.key());
    return value == null
        ? StatefulFunctionsOptions.FEEDBACK_MEMORY_SIZE.defaultValue()
        : MemorySize.parse(value);
  }

  /** The bound on async operations in flight per subtask ({@code statefun.async.max-per-task}). */
  public void setMaxAsyncOperationsPerTask(int maxAsyncOperationsPerTask) {
    set(
        StatefulFunctionsOptions.ASYNC_MAX_PER_TASK.key(),
        Integer.toString(maxAsyncOperationsPerTask));
  }

  public int getMaxAsyncOperationsPerTask() {
    String value = settings.get(StatefulFunctionsOptions.ASYNC_MAX_PER_TASK.key());
    return value == null
        ? StatefulFunctionsOptions.ASYNC_MAX_PER_TASK.defaultValue()
        : Integer.parseInt(value.trim());
  }

  /** Hands {@code key} with {@code value} to every module's {@code configure}. */
  public void setGlobalConfiguration(String key, String value) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("a global configuration key must not be null or empty");
    }
    set(StatefulFunctionsOptions.MODULE_GLOBAL_CONFIG_PREFIX + key, value);
  }

  public void addAllGlobalConfigurations(Map<String, String> globalConfigurations) {
    globalConfigurations.forEach(this::setGlobalConfiguration);
  }

  /** The entries handed to every module's {@code configure}; unmodifiable. */
  public Map<String, String> getGlobalConfigurations() {
    Map<String, String> global = new TreeMap<>();
    String prefix = StatefulFunctionsOptions.MODULE_GLOBAL_CONFIG_PREFIX;
    settings.forEach(
        (key, value) -> {
          if (key.startsWith(prefix) && key.length() > prefix.length()) {
            global.put(key.substring(prefix.length()), value);
          }
        });
    return Collections.unmodifiableMap(global);
  }

  /**
   * Sets any {@code statefun.*} option by key (the configuration reference lists them).
   *
   * @throws IllegalArgumentException if {@code key} is not a {@code statefun.*} key: Flink's own
   *     settings belong to the environment
   */
  public void set(String key, String value) {
    if (key == null || !key.startsWith(PREFIX)) {
      throw new IllegalArgumentException(
          "'"
              + key
              + "' is not a statefun.* option; set Flink's own options on the"
              + " StreamExecutionEnvironment");
    }
    settings.put(key, Objects.requireNonNull(value, () -> "value of " + key));
  }

  /**
   * The validated configuration of a job: {@code flink}'s own settings (the environment's, which
   * decide state backend and checkpointing) with these {@code statefun.*} settings in place of
   * {@code flink}'s.
   *
   * @throws IllegalConfigurationException naming the key of an invalid or unsupported setting
   */
  public io.statefun.flink.core.config.StatefulFunctionsConfig resolve(
      ReadableConfig flink, ClassLoader classLoader) {
    Map<String, String> effective = new TreeMap<>();
    flink
        .toMap()
        .forEach(
            (key, value) -> {
              if (!key.startsWith(PREFIX)) {
                effective.put(key, value);
              }
            });
    effective.putAll(settings);
    return io.statefun.flink.core.config.StatefulFunctionsConfig.fromFlinkConfiguration(
        Configuration.fromMap(effective), classLoader);
  }

  @Override
  public String toString() {
    return "StatefulFunctionsConfig" + settings;
  }
}
