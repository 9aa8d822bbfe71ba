package io.statefun.flink.io;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/** A Sink V2 that adds every record to the test-owned queue named {@code key}. */
final class CollectingSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;

  /** Queues by key: the sink is serialized into the job, the queue stays with the test. */
  private static final Map<String, Queue<Object>> QUEUES = new ConcurrentHashMap<>();

  private final String key;

  CollectingSink(String key) {
    this.key = key;
    QUEUES.put(key, new ConcurrentLinkedQueue<>());
  }

  @SuppressWarnings("unchecked")
  List<T> records() {
    return List.copyOf((Queue<T>) (Queue<?>) QUEUES.get(key));
  }

  void forget() {
    QUEUES.remove(key);
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    Queue<Object> queue = QUEUES.get(key);
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context context) {
        queue.add(element);
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }
}
