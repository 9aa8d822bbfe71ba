package io.statefun.flink.core.config;

import java.time.Duration;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

/** Every {@code statefun.*} option. The docs' configuration reference lists the same. */
@PublicEvolving
public final class StatefulFunctionsOptions {
  private StatefulFunctionsOptions() {}

  public static final ConfigOption<String> FLINK_JOB_NAME =
      ConfigOptions.key("statefun.flink-job-name")
          .stringType()
          .defaultValue("StatefulFunctions")
          .withDescription("The name of the Flink job that runs the functions.");

  public static final ConfigOption<String> MESSAGE_SERIALIZER =
      ConfigOptions.key("statefun.message.serializer")
          .stringType()
          .defaultValue("kryo")
          .withDescription(
              "How message payloads are serialized between subtasks and in state: kryo,"
                  + " protobuf, raw (byte[] payloads), or the name of a class implementing"
                  + " io.statefun.flink.core.message.MessagePayloadSerializer. StateFun 3.3's"
                  + " WITH_KRYO_PAYLOADS, WITH_PROTOBUF_PAYLOADS, WITH_RAW_PAYLOADS and"
                  + " WITH_CUSTOM_PAYLOADS are accepted as aliases.");

  public static final ConfigOption<String> MESSAGE_CUSTOM_PAYLOAD_SERIALIZER_CLASS =
      ConfigOptions.key("statefun.message.custom-payload-serializer-class")
          .stringType()
          .noDefaultValue()
          .withDescription(
              "StateFun 3.3's way to name a custom payload serializer: the class, read only with"
                  + " statefun.message.serializer: WITH_CUSTOM_PAYLOADS.");

  public static final ConfigOption<MemorySize> FEEDBACK_MEMORY_SIZE =
      ConfigOptions.key("statefun.feedback.memory.size")
          .memoryType()
          .defaultValue(MemorySize.parse("32mb"))
          .withDescription(
              "Memory per subtask for feedback records logged during a checkpoint; beyond it the"
                  + " log spills to the task manager's temporary directories.");

  public static final ConfigOption<MemorySize> FEEDBACK_CHANNEL_MEMORY_SIZE =
      ConfigOptions.key("statefun.feedback.channel.memory.size")
          .memoryType()
          .defaultValue(MemorySize.parse("32mb"))
          .withDescription(
              "Memory per subtask for messages on the feedback loop that the function operator has"
                  + " not processed yet, counted by their serialized size. Beyond it they are"
                  + " spilled, in order, to the task manager's temporary directories and read back"
                  + " when the operator catches up, so a fan-out burst neither blocks the loop nor"
                  + " exhausts the heap. Spilling starts once a message does not fit, and goes on"
                  + " until the spill is read back. Must be at most 1 gb.");

  public static final ConfigOption<Integer> LOCAL_MAX_BATCH =
      ConfigOptions.key("statefun.local.max-batch")
          .intType()
          .defaultValue(4096)
          .withDescription(
              "At most this many subtask-local messages are delivered in one mailbox step before"
                  + " the rest is continued in a later step, so checkpoints, timers and feedback"
                  + " are not starved. A step of 4096 invocations lasts about a millisecond.");

  public static final ConfigOption<Boolean> LOCAL_SERIALIZE =
      ConfigOptions.key("statefun.local.serialize")
          .booleanType()
          .defaultValue(false)
          .withDescription(
              "Serialize and read back every message to an address of the same subtask, as a"
                  + " message between subtasks is, so a payload that cannot travel fails at its send"
                  + " at any parallelism. Off on a cluster (local messages are handed over as"
                  + " objects, for speed); the harness turns it on unless told otherwise.");

  public static final ConfigOption<Integer> ASYNC_MAX_PER_TASK =
      ConfigOptions.key("statefun.async.max-per-task")
          .intType()
          .defaultValue(1024)
          .withDescription(
              "Bounds the async operations in flight per subtask: while this many are in flight,"
                  + " ingress input is paused (not dropped) until operations complete. Messages"
                  + " between functions are still delivered (pausing them could deadlock a cycle),"
                  + " so operations they register can exceed the bound.");

  public static final ConfigOption<Duration> NETWORK_BUFFER_TIMEOUT =
      ConfigOptions.key("statefun.network.buffer-timeout")
          .durationType()
          .defaultValue(Duration.ofMillis(1))
          .withDescription(
              "The output flush interval of the ingress routers: how long a routed event may wait"
                  + " in a network buffer before it is sent to the function operator. Small enough"
                  + " for request/response latency, large enough to fill buffers under load; Flink's"
                  + " own default is 100 ms.");

  public static final ConfigOption<Duration> FEEDBACK_BUFFER_TIMEOUT =
      ConfigOptions.key("statefun.feedback.buffer-timeout")
          .durationType()
          .defaultValue(Duration.ofMillis(1))
          .withDescription(
              "The output flush interval of the function operator, whose output carries messages"
                  + " between functions on different subtasks. Messages sent while the operator"
                  + " handles messages from other subtasks leave at the end of each such batch"
                  + " anyway, so a cycle of messages does not wait for this interval; it bounds how"
                  + " long messages sent on ingress input, timers or async completions wait. 0"
                  + " flushes after every message.");

  public static final ConfigOption<String> FAILURE_POLICY =
      ConfigOptions.key("statefun.failure.policy")
          .stringType()
          .defaultValue("fail")
          .withDescription(
              "What happens when a router, a function or a payload's (de)serialization throws, or"
                  + " a message targets an unbound function type: fail (the task fails and Flink's"
                  + " restart strategy decides) or dead-letter (the message or record goes to the"
                  + " egress statefun/dead-letters with its context, the failed invocation leaves"
                  + " no effect, and processing continues). Override it per function type with"
                  + " statefun.failure.policy.<namespace>/<name>.");

  /**
   * Prefix of the per-function-type failure policies: {@code
   * statefun.failure.policy.<namespace>/<name>}.
   */
  public static final String FAILURE_POLICY_PREFIX = "statefun.failure.policy.";

  /** Prefix of the entries handed to every module's {@code configure} (without the prefix). */
  public static final String MODULE_GLOBAL_CONFIG_PREFIX = "statefun.module.global-config.";
}
