package io.statefun.flink.datastream;

import java.io.Serializable;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A Sink V2 sink that adds every record to a queue in this JVM, found by name. Each test opens its
 * own names, so a cancelled job of an earlier test cannot write into a later one.
 */
final class CollectingSink<T> implements Sink<T>, Serializable {
  private static final long serialVersionUID = 1L;
  private static final Map<String, Queue<Object>> QUEUES = new ConcurrentHashMap<>();

  private final String name;

  private CollectingSink(String name) {
    this.name = name;
  }

  /** A new, empty queue and the sink that fills it. */
  static <T> CollectingSink<T> open(String name) {
    String unique = name + "-" + java.util.UUID.randomUUID();
    QUEUES.put(unique, new ConcurrentLinkedQueue<>());
    return new CollectingSink<>(unique);
  }

  @SuppressWarnings("unchecked")
  Queue<T> records() {
    return (Queue<T>) (Queue<?>) QUEUES.get(name);
  }

  /** Drops the queue. */
  void close() {
    QUEUES.remove(name);
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context context) {
        Queue<Object> queue = QUEUES.get(name);
        if (queue != null) {
          queue.add(element);
        }
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }
}
