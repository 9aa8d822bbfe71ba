package io.statefun.flink.harness.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoSerializable;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.statefun.flink.core.functions.PayloadNotReadableException;
import io.statefun.flink.harness.Harness;
import io.statefun.flink.harness.HarnessJob;
import io.statefun.sdk.Address;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.io.DeadLetter;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A payload that the receiving subtask cannot deserialize (Kryo writes it, but reading it throws)
 * arrives through Flink's network input at the function operator, which applies the target type's
 * failure policy: under dead-letter one dead letter and every other record processed; under fail
 * the job fails naming the target address and the payload's class.
 */
class UnreadablePayloadIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  static final String NS = "unreadable-it";
  static final IngressIdentifier<Integer> NUMBERS =
      new IngressIdentifier<>(Integer.class, NS, "numbers");
  static final EgressIdentifier<String> SEEN = new EgressIdentifier<>(NS, "seen", String.class);
  static final FunctionType COUNTER = new FunctionType(NS, "counter");
  static final int RECORDS = 200;
  static final int POISON = 77;

  private static final Queue<String> SEEN_RECORDS = new ConcurrentLinkedQueue<>();
  private static final Queue<DeadLetter> DEAD_LETTERS = new ConcurrentLinkedQueue<>();

  /** Kryo writes it; reading it back throws, as a class that changed incompatibly would. */
  public static final class ReadPoison implements KryoSerializable {
    @Override
    public void write(Kryo kryo, Output output) {
      output.writeInt(42);
    }

    @Override
    public void read(Kryo kryo, Input input) {
      throw new IllegalStateException("ReadPoison cannot be read");
    }
  }

  static final class CounterFn implements StatefulFunction {
    @Override
    public void invoke(Context context, Object input) {
      context.send(SEEN, context.self().id() + ":" + input);
    }
  }

  static final class Module implements StatefulFunctionModule, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      binder.bindIngressRouter(
          NUMBERS,
          (n, out) -> out.forward(COUNTER, "k" + n % 10, n == POISON ? new ReadPoison() : n));
      binder.bindFunctionProvider(COUNTER, type -> new CounterFn());
    }
  }

  @BeforeEach
  void reset() {
    SEEN_RECORDS.clear();
    DEAD_LETTERS.clear();
  }

  private static Harness harness() {
    return new Harness()
        .withParallelism(2)
        .withCheckpointInterval(Duration.ofMillis(500))
        .withServiceLoaderModules(false)
        .withModule(new Module())
        .withGeneratedIngress(NUMBERS, RECORDS, index -> (int) index)
        .withConsumingEgress(SEEN, record -> SEEN_RECORDS.add(record));
  }

  @Test
  void underDeadLetterTheUnreadableMessageIsOneDeadLetterAndTheRestIsProcessed() throws Exception {
    try (HarnessJob job =
        harness()
            .withConfiguration("statefun.failure.policy", "dead-letter")
            .withConsumingEgress(DeadLetter.EGRESS, letter -> DEAD_LETTERS.add(letter))
            .startAsync()) {
      job.awaitCondition(
          () -> SEEN_RECORDS.size() == RECORDS - 1 && DEAD_LETTERS.size() == 1, TIMEOUT);
    }
    assertThat(SEEN_RECORDS).doesNotHaveDuplicates().hasSize(RECORDS - 1);
    assertThat(SEEN_RECORDS).noneMatch(r -> r.endsWith(":" + POISON));
    DeadLetter letter = DEAD_LETTERS.peek();
    assertThat(letter.cause()).isEqualTo(DeadLetter.Cause.PAYLOAD_NOT_READABLE);
    assertThat(letter.target()).isEqualTo(new Address(COUNTER, "k" + POISON % 10));
    assertThat(letter.payload()).isInstanceOf(byte[].class);
    assertThat(letter.payloadDescription()).contains(ReadPoison.class.getName());
    assertThat(letter.exceptionMessage()).contains("ReadPoison cannot be read");
  }

  @Test
  void underFailTheJobFailsNamingTheTargetAndThePayloadClass() throws Exception {
    HarnessJob job = harness().withConfiguration("restart-strategy.type", "none").startAsync();
    try {
      assertThatThrownBy(job::awaitTermination)
          .hasStackTraceContaining(PayloadNotReadableException.class.getName())
          .hasStackTraceContaining("the message to " + new Address(COUNTER, "k" + POISON % 10))
          .hasStackTraceContaining(ReadPoison.class.getName());
    } finally {
      job.close();
    }
  }
}
