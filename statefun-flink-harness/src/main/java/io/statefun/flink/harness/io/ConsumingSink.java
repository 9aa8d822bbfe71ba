package io.statefun.flink.harness.io;

import io.statefun.flink.harness.observe.Quiescence;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;

/**
 * A sink that hands every record to a {@link SerializableConsumer}, and counts it once handed (see
 * {@link Quiescence#EGRESS_RECORDS_COLLECTED}).
 */
@Internal
public final class ConsumingSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;

  private final SerializableConsumer<T> consumer;

  public ConsumingSink(SerializableConsumer<T> consumer) {
    this.consumer = consumer;
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    Counter consumed = context.metricGroup().counter(Quiescence.EGRESS_RECORDS_COLLECTED);
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context context) {
        consumer.accept(element);
        consumed.inc();
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }
}
