package io.statefun.e2e;

import io.statefun.kafka.testkit.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes visitor names to the greeter's input topic, at a steady pace on a thread of its own, and
 * knows the greetings they must produce: the i-th visit of a name is greeted with its visit count,
 * so the greetings show the greeter's state.
 */
final class GreetingsFeeder implements AutoCloseable {
  private static final int VISITORS = 20;

  private final KafkaBroker broker;
  private final String topic;
  private final int total;
  private final int perSecond;
  private final AtomicInteger written = new AtomicInteger();
  private final Thread thread;
  private volatile Exception failure;

  private GreetingsFeeder(KafkaBroker broker, String topic, int total, int perSecond) {
    this.broker = broker;
    this.topic = topic;
    this.total = total;
    this.perSecond = perSecond;
    this.thread = new Thread(this::feed, "feeder-" + topic);
    thread.setDaemon(true);
  }

  /** Starts writing {@code total} names at {@code perSecond}. */
  static GreetingsFeeder start(KafkaBroker broker, String topic, int total, int perSecond) {
    GreetingsFeeder feeder = new GreetingsFeeder(broker, topic, total, perSecond);
    feeder.thread.start();
    return feeder;
  }

  static String nameAt(int index) {
    return String.format("visitor-%02d", (index * 7) % VISITORS);
  }

  private void feed() {
    long start = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
      for (int i = 0; i < total; i++) {
        long due = start + (long) i * 1_000_000_000L / perSecond;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        producer.send(new ProducerRecord<>(topic, nameAt(i).getBytes(StandardCharsets.UTF_8)));
        written.incrementAndGet();
      }
      producer.flush();
    } catch (Exception e) {
      failure = e;
    }
  }

  int written() {
    return written.get();
  }

  /** Waits until every name is written (and acknowledged). */
  void awaitDone() throws Exception {
    thread.join();
    if (failure != null) {
      throw failure;
    }
  }

  /** The greetings the first {@code count} names produce, in no particular order. */
  static List<String> expectedGreetings(int count) {
    Map<String, Integer> visits = new HashMap<>();
    List<String> greetings = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = nameAt(i);
      int visit = visits.merge(name, 1, Integer::sum);
      greetings.add(
          visit == 1
              ? "Hello " + name + ", nice to meet you!"
              : "Hello " + name + ", welcome back (visit " + visit + ")");
    }
    return greetings;
  }

  @Override
  public void close() throws InterruptedException {
    thread.interrupt();
    thread.join();
  }
}
