package io.statefun.examples.ridesharing.kafka;

import com.google.protobuf.InvalidProtocolBufferException;
import io.statefun.examples.ridesharing.RideIO;
import io.statefun.examples.ridesharing.generated.DriverLocation;
import io.statefun.examples.ridesharing.generated.DriverStatus;
import io.statefun.examples.ridesharing.generated.RideEvent;
import io.statefun.examples.ridesharing.generated.RideRequest;
import io.statefun.sdk.kafka.KafkaEgressBuilder;
import io.statefun.sdk.kafka.KafkaEgressSerializer;
import io.statefun.sdk.kafka.KafkaEgressSpec;
import io.statefun.sdk.kafka.KafkaIngressAutoResetPosition;
import io.statefun.sdk.kafka.KafkaIngressBuilder;
import io.statefun.sdk.kafka.KafkaIngressDeserializer;
import io.statefun.sdk.kafka.KafkaIngressSpec;
import io.statefun.sdk.kafka.KafkaIngressStartupPosition;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The ride-sharing IO on a cluster: every record value is a protobuf message of {@code
 * ride_sharing.proto} in its binary wire format. Ride requests and driver locations are read from
 * their topics; ride events (keyed by ride id) and driver status (keyed by driver id) are written
 * exactly-once: read them with {@code isolation.level=read_committed}.
 *
 * <p>Producers should key ride requests by passenger id and locations by driver id, so one
 * passenger's requests and one driver's reports stay in one partition, in order.
 */
public final class RideKafka {
  static final String CONSUMER_GROUP = "ride-sharing";
  static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(5);

  private RideKafka() {}

  /** Reads from the committed offsets of the consumer group, or from the start of the topic. */
  public static KafkaIngressSpec<RideRequest> rideRequests(RideKafkaSettings settings) {
    return KafkaIngressBuilder.forIdentifier(RideIO.RIDE_REQUESTS)
        .withKafkaAddress(settings.kafkaAddress())
        .withConsumerGroupId(CONSUMER_GROUP)
        .withTopic(settings.rideRequestsTopic())
        .withDeserializer(RideRequestDeserializer.class)
        .withStartupPosition(KafkaIngressStartupPosition.fromGroupOffsets())
        .withAutoResetPosition(KafkaIngressAutoResetPosition.EARLIEST)
        .build();
  }

  /** Reads from the committed offsets of the consumer group, or from the start of the topic. */
  public static KafkaIngressSpec<DriverLocation> driverLocations(RideKafkaSettings settings) {
    return KafkaIngressBuilder.forIdentifier(RideIO.DRIVER_LOCATIONS)
        .withKafkaAddress(settings.kafkaAddress())
        .withConsumerGroupId(CONSUMER_GROUP)
        .withTopic(settings.driverLocationsTopic())
        .withDeserializer(DriverLocationDeserializer.class)
        .withStartupPosition(KafkaIngressStartupPosition.fromGroupOffsets())
        .withAutoResetPosition(KafkaIngressAutoResetPosition.EARLIEST)
        .build();
  }

  public static KafkaEgressSpec<RideEvent> rideEvents(RideKafkaSettings settings) {
    String topic = settings.rideEventsTopic();
    return KafkaEgressBuilder.forIdentifier(RideIO.RIDE_EVENTS)
        .withKafkaAddress(settings.kafkaAddress())
        .withSerializer(
            (KafkaEgressSerializer<RideEvent>)
                event -> new ProducerRecord<>(topic, utf8(event.getRideId()), event.toByteArray()))
        .withExactlyOnceProducerSemantics(TRANSACTION_TIMEOUT)
        .build();
  }

  public static KafkaEgressSpec<DriverStatus> driverStatus(RideKafkaSettings settings) {
    String topic = settings.driverStatusTopic();
    return KafkaEgressBuilder.forIdentifier(RideIO.DRIVER_STATUS)
        .withKafkaAddress(settings.kafkaAddress())
        .withSerializer(
            (KafkaEgressSerializer<DriverStatus>)
                status ->
                    new ProducerRecord<>(topic, utf8(status.getDriverId()), status.toByteArray()))
        .withExactlyOnceProducerSemantics(TRANSACTION_TIMEOUT)
        .build();
  }

  private static final class RideRequestDeserializer
      implements KafkaIngressDeserializer<RideRequest> {
    private static final long serialVersionUID = 1L;

    @Override
    public RideRequest deserialize(ConsumerRecord<byte[], byte[]> record) {
      RideRequest request;
      try {
        request = RideRequest.parseFrom(valueOf(record, "ride request"));
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalArgumentException("not a RideRequest protobuf message: " + e, e);
      }
      if (request.getPassengerId().isEmpty()) {
        throw new IllegalArgumentException("a RideRequest without passenger_id: " + request);
      }
      return request;
    }
  }

  private static final class DriverLocationDeserializer
      implements KafkaIngressDeserializer<DriverLocation> {
    private static final long serialVersionUID = 1L;

    @Override
    public DriverLocation deserialize(ConsumerRecord<byte[], byte[]> record) {
      DriverLocation location;
      try {
        location = DriverLocation.parseFrom(valueOf(record, "driver location"));
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalArgumentException("not a DriverLocation protobuf message: " + e, e);
      }
      if (location.getDriverId().isEmpty()) {
        throw new IllegalArgumentException("a DriverLocation without driver_id: " + location);
      }
      return location;
    }
  }

  private static byte[] valueOf(ConsumerRecord<byte[], byte[]> record, String what) {
    if (record.value() == null) {
      throw new IllegalArgumentException("a " + what + " record has no value");
    }
    return record.value();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
