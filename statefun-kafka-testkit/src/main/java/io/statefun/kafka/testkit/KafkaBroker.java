package io.statefun.kafka.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Kafka broker (KRaft, broker and controller in one) running inside the test JVM,
 * listening on 127.0.0.1 only, on free ports, with its logs under a directory the test chooses.
 *
 * <pre>{@code
 * try (KafkaBroker broker = new KafkaBroker(Path.of("target/kafka")).start()) {
 *   broker.createTopic("in", 2);
 *   broker.produce("in", "key", "value");
 *   List<ConsumerRecord<byte[], byte[]>> out = broker.readAll("out", IsolationLevel.READ_COMMITTED);
 * }
 * }</pre>
 *
 * <p>While any broker runs, Kafka's exit and halt procedures throw instead of ending the JVM: a
 * broker's fatal-fault handler halts the process, which would end the whole test run.
 */
public final class KafkaBroker implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  /** Starts tried, each on newly chosen ports, while a chosen port turns out to be taken. */
  static final int PORT_ATTEMPTS = 5;

  private final Path directory;
  private final Map<String, String> overrides = new LinkedHashMap<>();
  private KafkaRaftServer server;
  private int brokerPort;
  private int controllerPort;
  private Duration startTime;
  private boolean exitGuarded;
  private PortChooser ports = KafkaBroker::freePort;

  /**
   * @param directory where the broker keeps its configuration and logs (under {@code target/} in
   *     tests); created if missing, and emptied at {@link #start()}: a broker's log directory is
   *     formatted for one cluster, so what an earlier run left there is removed
   */
  public KafkaBroker(Path directory) {
    this.directory = directory.toAbsolutePath();
  }

  /**
   * Sets a broker property (for example {@code transaction.max.timeout.ms}) before {@link #start}.
   * Listener and directory properties are the broker's own and cannot be set.
   */
  public KafkaBroker withProperty(String key, String value) {
    if (server != null) {
      throw new IllegalStateException("set broker property " + key + " before start()");
    }
    overrides.put(key, value);
    return this;
  }

  /** Formats the log directory, starts the broker and waits until it answers; returns this. */
  public KafkaBroker start() {
    if (server != null) {
      throw new IllegalStateException("broker in " + directory + " is already started");
    }
    long begin = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      try {
        startOnce();
        break;
      } catch (RuntimeException e) {
        // A port is chosen free, then bound by the broker a moment later: another process (other
        // builds share the machine) may take it in between. Choose again.
        if (attempt >= PORT_ATTEMPTS || !portTaken(e)) {
          throw e;
        }
      }
    }
    startTime = Duration.ofNanos(System.nanoTime() - begin);
    return this;
  }

  /** Chooses the ports with {@code ports} instead of asking the system for free ones. */
  KafkaBroker withPorts(PortChooser ports) {
    this.ports = ports;
    return this;
  }

  /** Chooses a port for the broker to bind. */
  @FunctionalInterface
  interface PortChooser {
    int choose() throws IOException;
  }

  private static boolean portTaken(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof java.net.BindException) {
        return true;
      }
    }
    return false;
  }

  private void startOnce() {
    ExitGuard.acquire();
    exitGuarded = true;
    try {
      brokerPort = ports.choose();
      controllerPort = ports.choose();
      Properties props = brokerProperties();
      Path configFile = directory.resolve("server.properties");
      deleteRecursively(directory);
      Files.createDirectories(directory);
      try (Writer out = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
        props.store(out, "statefun-kafka-testkit broker");
      }
      format(configFile);
      server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
      server.startup();
      awaitReady();
    } catch (IOException e) {
      failStart();
      throw new UncheckedIOException("cannot start a Kafka broker in " + directory, e);
    } catch (RuntimeException e) {
      failStart();
      throw e;
    }
  }

  private void failStart() {
    try {
      close();
    } catch (RuntimeException ignored) {
      // the start failure is the one to report
    }
  }

  private Properties brokerProperties() {
    Properties props = new Properties();
    String host = "127.0.0.1";
    props.setProperty("process.roles", "broker,controller");
    props.setProperty("node.id", "1");
    props.setProperty("controller.quorum.voters", "1@" + host + ":" + controllerPort);
    props.setProperty(
        "listeners",
        "PLAINTEXT://" + host + ":" + brokerPort + ",CONTROLLER://" + host + ":" + controllerPort);
    props.setProperty("advertised.listeners", "PLAINTEXT://" + host + ":" + brokerPort);
    props.setProperty("controller.listener.names", "CONTROLLER");
    props.setProperty("inter.broker.listener.name", "PLAINTEXT");
    props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.setProperty("log.dirs", directory.resolve("logs").toString());
    props.setProperty("offsets.topic.replication.factor", "1");
    props.setProperty("offsets.topic.num.partitions", "1");
    props.setProperty("transaction.state.log.replication.factor", "1");
    props.setProperty("transaction.state.log.min.isr", "1");
    props.setProperty("transaction.state.log.num.partitions", "1");
    props.setProperty("share.coordinator.state.topic.replication.factor", "1");
    props.setProperty("share.coordinator.state.topic.min.isr", "1");
    props.setProperty("group.initial.rebalance.delay.ms", "0");
    props.setProperty("auto.create.topics.enable", "false");
    props.setProperty("num.partitions", "1");
    props.setProperty("log.flush.interval.messages", "9223372036854775807");
    overrides.forEach(props::setProperty);
    return props;
  }

  private static void format(Path configFile) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int status;
    try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      status =
          StorageTool.execute(
              new String[] {
                "format",
                "-t",
                Uuid.randomUuid().toString(),
                "-c",
                configFile.toString(),
                "--ignore-formatted"
              },
              out);
    }
    if (status != 0) {
      throw new IllegalStateException(
          "formatting the Kafka log directory failed ("
              + status
              + "): "
              + output.toString(StandardCharsets.UTF_8));
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    Map<String, Object> config = new LinkedHashMap<>();
    config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 100);
    try (Admin admin = admin(config)) {
      while (true) {
        try {
          if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (ExecutionException | java.util.concurrent.TimeoutException notYet) {
          // not answering yet
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the Kafka broker in " + directory + " did not answer within " + READY_TIMEOUT);
        }
      }
    }
  }

  /** {@code 127.0.0.1:<port>}: the only listener clients can reach. */
  public String bootstrapServers() {
    requireStarted();
    return "127.0.0.1:" + brokerPort;
  }

  /** The broker's and the controller's ports. */
  public List<Integer> ports() {
    requireStarted();
    return List.of(brokerPort, controllerPort);
  }

  /** How long {@link #start()} took, from formatting to the broker answering. */
  public Duration startTime() {
    requireStarted();
    return startTime;
  }

  /** Creates a topic with replication factor 1 and waits until it exists. */
  public void createTopic(String name, int partitions) {
    try (Admin admin = admin(Map.of())) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create topic " + name, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topic " + name, e);
    }
  }

  /** An admin client for this broker; the caller closes it. */
  public Admin admin(Map<String, Object> extraConfig) {
    Map<String, Object> config = new LinkedHashMap<>(extraConfig);
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    return Admin.create(config);
  }

  /**
   * A byte-array producer for this broker with {@code extraConfig} on top (a {@code
   * transactional.id} to write transactions, for instance); the caller closes it.
   */
  public KafkaProducer<byte[], byte[]> producer(Map<String, Object> extraConfig) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.putAll(extraConfig);
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Writes the records and waits until the broker acknowledged all of them. */
  public void produce(Collection<ProducerRecord<byte[], byte[]>> records) {
    try (KafkaProducer<byte[], byte[]> producer = producer(Map.of())) {
      List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
      for (ProducerRecord<byte[], byte[]> record : records) {
        sent.add(producer.send(record));
      }
      for (java.util.concurrent.Future<?> ack : sent) {
        ack.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot write to Kafka", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing to Kafka", e);
    }
  }

  /** Writes one record with UTF-8 key (may be null) and value, and waits for the ack. */
  public void produce(String topic, String key, String value) {
    produce(List.of(new ProducerRecord<>(topic, utf8(key), utf8(value))));
  }

  /**
   * Every record of {@code topic} from the beginning up to its current end, partition by partition
   * in offset order. Under {@link IsolationLevel#READ_COMMITTED} the end is the last stable offset
   * and aborted records are skipped; under {@link IsolationLevel#READ_UNCOMMITTED} aborted records
   * are included.
   */
  public List<ConsumerRecord<byte[], byte[]>> readAll(String topic, IsolationLevel isolation) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, READ_TIMEOUT);
      if (infos == null || infos.isEmpty()) {
        throw new IllegalArgumentException("topic " + topic + " does not exist");
      }
      List<TopicPartition> partitions =
          infos.stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .sorted(java.util.Comparator.comparingInt(TopicPartition::partition))
              .collect(Collectors.toList());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
      Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> byPartition = new LinkedHashMap<>();
      partitions.forEach(p -> byPartition.put(p, new ArrayList<>()));
      long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
      while (!reachedEnd(consumer, partitions, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "reading " + topic + " did not reach its end offsets " + end + " in " + READ_TIMEOUT);
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          if (record.offset() < end.get(partition)) {
            byPartition.get(partition).add(record);
          }
        }
      }
      List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
      byPartition.values().forEach(all::addAll);
      return all;
    }
  }

  /** The values of {@link #readAll}, decoded as UTF-8. */
  public List<String> readAllValues(String topic, IsolationLevel isolation) {
    return readAll(topic, isolation).stream()
        .map(
            record ->
                record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8))
        .collect(Collectors.toList());
  }

  private static boolean reachedEnd(
      KafkaConsumer<?, ?> consumer,
      List<TopicPartition> partitions,
      Map<TopicPartition, Long> end) {
    for (TopicPartition partition : partitions) {
      if (consumer.position(partition, READ_TIMEOUT) < end.get(partition)) {
        return false;
      }
    }
    return true;
  }

  private void requireStarted() {
    if (server == null) {
      throw new IllegalStateException("the Kafka broker in " + directory + " is not started");
    }
  }

  /** Stops the broker and waits until it has shut down; does nothing if it was not started. */
  @Override
  public void close() {
    KafkaRaftServer running = server;
    server = null;
    try {
      if (running != null) {
        running.shutdown();
        running.awaitShutdown();
      }
    } finally {
      if (exitGuarded) {
        exitGuarded = false;
        ExitGuard.release();
      }
    }
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (java.util.stream.Stream<Path> walk = Files.walk(path)) {
      for (Path each : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(each);
      }
    }
  }

  private static byte[] utf8(String text) {
    return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    }
  }
}
