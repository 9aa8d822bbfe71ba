package io.statefun.flink.io.kafka;

import io.statefun.sdk.Address;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.annotations.Persisted;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.io.Router;
import io.statefun.sdk.kafka.KafkaEgressBuilder;
import io.statefun.sdk.kafka.KafkaEgressSerializer;
import io.statefun.sdk.kafka.KafkaIngressBuilder;
import io.statefun.sdk.kafka.KafkaIngressDeserializer;
import io.statefun.sdk.kafka.KafkaIngressStartupPosition;
import io.statefun.sdk.spi.StatefulFunctionModule;
import io.statefun.sdk.state.PersistedValue;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Kafka in, a cycle between two function types, Kafka out. Input records are {@code <id>:<seq>};
 * the counter of {@code id} counts them in state, pings the echo of {@code id}, and on its pong
 * writes {@code <id>:<seq>:<count>}. Records of one id arrive in order, so the output of {@code
 * (id, seq)} is {@code count = seq + 1} exactly once — unless state or output were duplicated or
 * lost. The counter fails (once per JVM) at each configured failure point.
 */
final class CycleModule implements StatefulFunctionModule, Serializable {
  private static final long serialVersionUID = 1L;

  static final String NS = "kafka-it";
  static final IngressIdentifier<String> IN = new IngressIdentifier<>(String.class, NS, "in");
  static final EgressIdentifier<String> OUT = new EgressIdentifier<>(NS, "out", String.class);
  static final FunctionType COUNTER = new FunctionType(NS, "counter");
  static final FunctionType ECHO = new FunctionType(NS, "echo");

  /** Failure points that already fired, so that each fails one attempt only. */
  private static final Set<String> FIRED = ConcurrentHashMap.newKeySet();

  private final String bootstrap;
  private final String inTopic;
  private final String outTopic;
  private final Duration transactionTimeout;
  private final Set<String> failurePoints;

  CycleModule(
      String bootstrap,
      String inTopic,
      String outTopic,
      Duration transactionTimeout,
      Set<String> failurePoints) {
    this.bootstrap = bootstrap;
    this.inTopic = inTopic;
    this.outTopic = outTopic;
    this.transactionTimeout = transactionTimeout;
    this.failurePoints = Set.copyOf(failurePoints);
  }

  /** How many of {@code points} have failed an attempt of the job reading {@code inTopic}. */
  static long fired(String inTopic, Set<String> points) {
    return points.stream().filter(point -> FIRED.contains(inTopic + "/" + point)).count();
  }

  @Override
  public void configure(Map<String, String> globalConfig, Binder binder) {
    binder.bindIngress(
        KafkaIngressBuilder.forIdentifier(IN)
            .withKafkaAddress(bootstrap)
            .withTopic(inTopic)
            .withDeserializer(InputDeserializer.class)
            .withStartupPosition(KafkaIngressStartupPosition.fromEarliest())
            .build());
    binder.bindIngressRouter(IN, new InputRouter());
    binder.bindFunctionProvider(COUNTER, type -> new CounterFn(inTopic, failurePoints));
    binder.bindFunctionProvider(ECHO, type -> new EchoFn());
    binder.bindEgress(
        KafkaEgressBuilder.forIdentifier(OUT)
            .withKafkaAddress(bootstrap)
            .withSerializer(new OutputSerializer(outTopic))
            .withExactlyOnceProducerSemantics(transactionTimeout)
            .build());
  }

  private static final class InputDeserializer implements KafkaIngressDeserializer<String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String deserialize(ConsumerRecord<byte[], byte[]> input) {
      return new String(input.value(), StandardCharsets.UTF_8);
    }
  }

  private static final class InputRouter implements Router<String>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void route(String message, Downstream<String> downstream) {
      int colon = message.indexOf(':');
      downstream.forward(
          new Address(COUNTER, message.substring(0, colon)),
          Long.parseLong(message.substring(colon + 1)));
    }
  }

  private static final class CounterFn implements StatefulFunction {
    @Persisted
    private final PersistedValue<Integer> count = PersistedValue.of("count", Integer.class);

    private final String run;
    private final Set<String> failurePoints;

    CounterFn(String run, Set<String> failurePoints) {
      this.run = run;
      this.failurePoints = failurePoints;
    }

    @Override
    public void invoke(Context context, Object input) {
      String id = context.self().id();
      if (input instanceof Long seq) {
        String point = id + ":" + seq;
        if (failurePoints.contains(point) && FIRED.add(run + "/" + point)) {
          // Give the producer time to send this checkpoint's records, which the failure aborts
          // (the test needs some aborted records to see); generous, as a loaded machine may be
          // slow to run the producer's thread. The checkpoint cannot complete meanwhile: this task
          // is busy.
          sleep(Duration.ofSeconds(2));
          throw new IllegalStateException("injected failure at " + point);
        }
        int counted = count.updateAndGet(c -> c == null ? 1 : c + 1);
        context.send(ECHO, id, "ping:" + seq + ":" + counted);
      } else {
        String pong = (String) input;
        context.send(OUT, id + pong.substring("pong".length()));
      }
    }
  }

  private static final class EchoFn implements StatefulFunction {
    @Override
    public void invoke(Context context, Object input) {
      context.reply("pong" + ((String) input).substring("ping".length()));
    }
  }

  private static final class OutputSerializer implements KafkaEgressSerializer<String> {
    private static final long serialVersionUID = 1L;
    private final String topic;

    OutputSerializer(String topic) {
      this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(String output) {
      String id = output.substring(0, output.indexOf(':'));
      return new ProducerRecord<>(
          topic, id.getBytes(StandardCharsets.UTF_8), output.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
