package io.statefun.flink.io.kafka;

import io.statefun.flink.core.failure.DeadLetters;
import io.statefun.flink.core.state.StateTypes;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.kafka.KafkaIngressDeserializer;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Calls an ingress's deserializer on each record; a failure or a null result becomes a {@link
 * PoisonRecordException} naming the ingress and the record's topic, partition and offset.
 */
final class IngressRecordDeserializer<T> implements KafkaRecordDeserializationSchema<T> {
  private static final long serialVersionUID = 1L;

  private final IngressIdentifier<T> ingress;
  private final KafkaIngressDeserializer<T> deserializer;

  /** Under the dead-letter policy: a poison record is logged, counted and skipped. */
  private final boolean skipPoison;

  private transient Counter skipped;

  IngressRecordDeserializer(
      IngressIdentifier<T> ingress, KafkaIngressDeserializer<T> deserializer) {
    this(ingress, deserializer, false);
  }

  IngressRecordDeserializer(
      IngressIdentifier<T> ingress, KafkaIngressDeserializer<T> deserializer, boolean skipPoison) {
    this.ingress = ingress;
    this.deserializer = deserializer;
    this.skipPoison = skipPoison;
  }

  @Override
  public void open(DeserializationSchema.InitializationContext context) throws Exception {
    skipped = context.getMetricGroup().counter("deadLetters");
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out) {
    T value;
    try {
      value = deserializer.deserialize(record);
    } catch (RuntimeException e) {
      failOrSkip(poison(record, "failed (" + e + ")", e));
      return;
    }
    if (value == null) {
      failOrSkip(poison(record, "returned null", null));
      return;
    }
    out.collect(value);
  }

  private void failOrSkip(PoisonRecordException poison) {
    if (!skipPoison) {
      throw poison;
    }
    if (skipped != null) {
      skipped.inc();
    }
    DeadLetters.logSkipped(poison);
  }

  private PoisonRecordException poison(
      ConsumerRecord<byte[], byte[]> record, String problem, Throwable cause) {
    return new PoisonRecordException(
        ingress,
        deserializer.getClass().getName(),
        record.topic(),
        record.partition(),
        record.offset(),
        problem,
        cause);
  }

  @Override
  public TypeInformation<T> getProducedType() {
    return StateTypes.of(ingress.producedType());
  }
}
