package io.statefun.flink.io.kafka;

import io.statefun.sdk.io.EgressIdentifier;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.kafka.sink.KafkaCommittable;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaWriterState;
import org.apache.flink.connector.kafka.sink.TwoPhaseCommittingStatefulSink;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.SupportsPostCommitTopology;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTxnTimeoutException;

/**
 * An exactly-once {@link KafkaSink} whose writers, when the broker refuses the transaction timeout,
 * fail with an error naming the egress, the builder option and the broker setting instead of
 * Kafka's bare message. Everything else is the Kafka sink's own.
 */
final class ExplainingKafkaSink<T>
    implements TwoPhaseCommittingStatefulSink<T, KafkaWriterState, KafkaCommittable>,
        SupportsPostCommitTopology<KafkaCommittable> {
  private static final long serialVersionUID = 1L;
  private static final String BROKER_MAXIMUM = "transaction.max.timeout.ms";

  private final KafkaSink<T> sink;
  private final EgressIdentifier<T> egress;
  private final Duration transactionTimeout;

  ExplainingKafkaSink(KafkaSink<T> sink, EgressIdentifier<T> egress, Duration transactionTimeout) {
    this.sink = sink;
    this.egress = egress;
    this.transactionTimeout = transactionTimeout;
  }

  @Override
  public PrecommittingStatefulSinkWriter<T, KafkaWriterState, KafkaCommittable> createWriter(
      WriterInitContext context) throws IOException {
    try {
      return sink.createWriter(context);
    } catch (RuntimeException e) {
      throw explained(e);
    }
  }

  @Override
  public PrecommittingStatefulSinkWriter<T, KafkaWriterState, KafkaCommittable> restoreWriter(
      WriterInitContext context, Collection<KafkaWriterState> recoveredState) throws IOException {
    try {
      return sink.restoreWriter(context, recoveredState);
    } catch (RuntimeException e) {
      throw explained(e);
    }
  }

  private RuntimeException explained(RuntimeException failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidTxnTimeoutException || namesTheBrokerMaximum(cause)) {
        return new TransactionTimeoutRefusedException(egress, transactionTimeout, failure);
      }
    }
    return failure;
  }

  /**
   * The producer reports the broker's INVALID_TRANSACTION_TIMEOUT answer to its InitProducerId
   * request as a plain {@link KafkaException} carrying the error's message.
   */
  private static boolean namesTheBrokerMaximum(Throwable cause) {
    return cause instanceof KafkaException
        && cause.getMessage() != null
        && cause.getMessage().contains(BROKER_MAXIMUM);
  }

  @Override
  public Committer<KafkaCommittable> createCommitter(CommitterInitContext context) {
    return sink.createCommitter(context);
  }

  @Override
  public SimpleVersionedSerializer<KafkaCommittable> getCommittableSerializer() {
    return sink.getCommittableSerializer();
  }

  @Override
  public SimpleVersionedSerializer<KafkaWriterState> getWriterStateSerializer() {
    return sink.getWriterStateSerializer();
  }

  @Override
  public void addPostCommitTopology(DataStream<CommittableMessage<KafkaCommittable>> committables) {
    sink.addPostCommitTopology(committables);
  }
}
