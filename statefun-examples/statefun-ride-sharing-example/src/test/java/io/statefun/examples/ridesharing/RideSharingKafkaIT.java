package io.statefun.examples.ridesharing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import io.statefun.examples.ridesharing.generated.DriverLocation;
import io.statefun.examples.ridesharing.generated.DriverStatus;
import io.statefun.examples.ridesharing.generated.RideEvent;
import io.statefun.examples.ridesharing.generated.RideRequest;
import io.statefun.examples.ridesharing.kafka.RideKafkaSettings;
import io.statefun.flink.harness.Harness;
import io.statefun.flink.harness.HarnessJob;
import io.statefun.kafka.testkit.KafkaBroker;
import io.statefun.kafka.testkit.ListeningSockets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.Test;

/**
 * The module as a cluster runs it: its own Kafka ingresses and exactly-once egresses, protobuf
 * records on every topic, against a real broker in this JVM. One ride from request to fare, fed a
 * step at a time (each step produced once the previous step's outputs are committed), so the
 * outputs are exact.
 */
class RideSharingKafkaIT {
  private static final Path DIR = Path.of("target", "ride-sharing-kafka-it");
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

  @Test
  void readsProtobufRecordsFromKafkaAndWritesCommittedRideEvents() throws Exception {
    RideKafkaSettings topics = RideKafkaSettings.from(Map.of());
    try (KafkaBroker broker = new KafkaBroker(DIR.resolve("broker")).start()) {
      broker.createTopic(topics.rideRequestsTopic(), 2);
      broker.createTopic(topics.driverLocationsTopic(), 2);
      broker.createTopic(topics.rideEventsTopic(), 1);
      broker.createTopic(topics.driverStatusTopic(), 1);
      // Produced before the job starts: the ingress begins at the earliest offset.
      broker.produce(List.of(location(topics, "d1", 52.505, 1)));

      Harness harness =
          new Harness()
              .withParallelism(2)
              .withCheckpointInterval(Duration.ofMillis(500))
              .withConfiguration("statefun.message.serializer", "protobuf")
              .withConfiguration("pipeline.object-reuse", "true")
              .withGlobalConfiguration(
                  RideKafkaSettings.KAFKA_ADDRESS_KEY, broker.bootstrapServers())
              .withConfiguration("rest.bind-address", "127.0.0.1")
              .withConfiguration("rest.address", "127.0.0.1")
              .withConfiguration("jobmanager.bind-host", "127.0.0.1")
              .withConfiguration("taskmanager.bind-host", "127.0.0.1")
              .withConfiguration("taskmanager.host", "127.0.0.1");
      List<String> expected = new ArrayList<>();
      try (HarnessJob job = harness.startAsync()) {
        expected.add("driver d1: available in cell 5250:1340");
        assertThat(awaitOutputs(job, broker, topics, expected.size()))
            .containsExactlyInAnyOrderElementsOf(expected);

        broker.produce(List.of(request(topics, "alice", 52.505, 1.0)));
        expected.addAll(
            List.of(
                "ride alice-1: requested by alice in cell 5250:1340",
                "ride alice-1: driver d1 assigned in cell 5250:1340, 0.00 km away",
                "driver d1: on ride alice-1"));
        assertThat(awaitOutputs(job, broker, topics, expected.size()))
            .containsExactlyInAnyOrderElementsOf(expected);

        // 1 km north of the pickup: picked up and dropped off by one report.
        broker.produce(List.of(location(topics, "d1", 52.514, 2)));
        expected.addAll(
            List.of(
                "ride alice-1: alice picked up by d1",
                "ride alice-1: completed by d1, 1.00 km, fare 3.70",
                "driver d1: available in cell 5251:1340"));
        assertThat(awaitOutputs(job, broker, topics, expected.size()))
            .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(ListeningSockets.nonLoopback())
            .as("listeners on a non-loopback address")
            .isEmpty();
        Thread.sleep(1500); // a few more checkpoints: anything extra would be committed now
      }
      List<String> rideEvents =
          committed(broker, topics).stream().filter(e -> e.startsWith("ride ")).toList();
      // One partition: the ride's events in the order the ride sent them.
      assertThat(rideEvents)
          .containsExactlyElementsOf(expected.stream().filter(e -> e.startsWith("ride ")).toList());
      assertThat(committed(broker, topics)).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  /** Waits until at least {@code count} outputs are committed; returns them all. */
  private static List<String> awaitOutputs(
      HarnessJob job, KafkaBroker broker, RideKafkaSettings topics, int count) throws Exception {
    job.awaitCondition(() -> committed(broker, topics).size() >= count, STEP_TIMEOUT);
    return committed(broker, topics);
  }

  /** Ride events, then driver status, each described as the local run prints it. */
  private static List<String> committed(KafkaBroker broker, RideKafkaSettings topics) {
    try {
      return describeCommitted(broker, topics);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("an egress record is not its topic's protobuf message", e);
    }
  }

  private static List<String> describeCommitted(KafkaBroker broker, RideKafkaSettings topics)
      throws InvalidProtocolBufferException {
    List<String> described = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record :
        broker.readAll(topics.rideEventsTopic(), IsolationLevel.READ_COMMITTED)) {
      RideEvent event = RideEvent.parseFrom(record.value());
      assertThat(utf8(record.key())).isEqualTo(event.getRideId());
      described.add(Describe.rideEvent(event));
    }
    for (ConsumerRecord<byte[], byte[]> record :
        broker.readAll(topics.driverStatusTopic(), IsolationLevel.READ_COMMITTED)) {
      DriverStatus status = DriverStatus.parseFrom(record.value());
      assertThat(utf8(record.key())).isEqualTo(status.getDriverId());
      described.add(Describe.driverStatus(status));
    }
    return described;
  }

  private static ProducerRecord<byte[], byte[]> location(
      RideKafkaSettings topics, String driver, double lat, long seconds) {
    DriverLocation location =
        DriverLocation.newBuilder()
            .setDriverId(driver)
            .setLat(lat)
            .setLon(13.405)
            .setSeconds(seconds)
            .build();
    return new ProducerRecord<>(
        topics.driverLocationsTopic(), bytes(driver), location.toByteArray());
  }

  private static ProducerRecord<byte[], byte[]> request(
      RideKafkaSettings topics, String passenger, double lat, double tripKm) {
    RideRequest request =
        RideRequest.newBuilder()
            .setPassengerId(passenger)
            .setLat(lat)
            .setLon(13.405)
            .setTripKm(tripKm)
            .build();
    return new ProducerRecord<>(
        topics.rideRequestsTopic(), bytes(passenger), request.toByteArray());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
