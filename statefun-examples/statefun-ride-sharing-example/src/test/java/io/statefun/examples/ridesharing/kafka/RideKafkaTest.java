package io.statefun.examples.ridesharing.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.examples.ridesharing.generated.DriverLocation;
import io.statefun.examples.ridesharing.generated.DriverStatus;
import io.statefun.examples.ridesharing.generated.RideEvent;
import io.statefun.examples.ridesharing.generated.RideRequest;
import io.statefun.sdk.kafka.KafkaIngressStartupPosition;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** The Kafka bindings on their own: settings, topics, keys and the protobuf wire format. */
class RideKafkaTest {
  private static final RideKafkaSettings SETTINGS =
      RideKafkaSettings.from(
          Map.of(
              "kafka-address", "broker:9092",
              "ride-requests-topic", "requests",
              "driver-status-topic", "status"));

  @Test
  void settingsTakeTheConfiguredAddressAndTopicsAndDefaultTheRest() {
    assertThat(SETTINGS)
        .isEqualTo(
            new RideKafkaSettings(
                "broker:9092", "requests", "driver-locations", "ride-events", "status"));
    assertThat(RideKafkaSettings.from(Map.of()).kafkaAddress()).isEqualTo("localhost:9092");
  }

  @Test
  void aBlankSettingIsRejectedNamingItsKey() {
    assertThatThrownBy(() -> RideKafkaSettings.from(Map.of("ride-events-topic", " ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'ride-events-topic'");
  }

  @Test
  void ingressesReadTheirTopicsFromTheGroupOffsetsOrTheStart() {
    var requests = RideKafka.rideRequests(SETTINGS);
    assertThat(requests.topics()).containsExactly("requests");
    assertThat(requests.properties())
        .containsEntry("bootstrap.servers", "broker:9092")
        .containsEntry("group.id", "ride-sharing")
        .containsEntry("auto.offset.reset", "earliest");
    assertThat(requests.startupPosition())
        .isEqualTo(KafkaIngressStartupPosition.fromGroupOffsets());
    assertThat(RideKafka.driverLocations(SETTINGS).topics()).containsExactly("driver-locations");
  }

  @Test
  void ingressRecordsAreProtobufMessages() {
    RideRequest request =
        RideRequest.newBuilder().setPassengerId("alice").setLat(52.5).setTripKm(1.5).build();
    DriverLocation location =
        DriverLocation.newBuilder().setDriverId("d1").setLon(13.4).setSeconds(7).build();
    assertThat(
            RideKafka.rideRequests(SETTINGS)
                .deserializer()
                .deserialize(record("requests", request.toByteArray())))
        .isEqualTo(request);
    assertThat(
            RideKafka.driverLocations(SETTINGS)
                .deserializer()
                .deserialize(record("driver-locations", location.toByteArray())))
        .isEqualTo(location);
  }

  @Test
  void badIngressRecordsAreRejectedSayingWhatIsWrong() {
    var requests = RideKafka.rideRequests(SETTINGS).deserializer();
    var locations = RideKafka.driverLocations(SETTINGS).deserializer();
    assertThatThrownBy(() -> requests.deserialize(record("requests", null)))
        .hasMessage("a ride request record has no value");
    // A field number 1 with wire type 7, which protobuf does not have.
    assertThatThrownBy(() -> requests.deserialize(record("requests", new byte[] {0x0f, 0x01})))
        .hasMessageStartingWith("not a RideRequest protobuf message");
    assertThatThrownBy(
            () ->
                locations.deserialize(
                    record(
                        "driver-locations",
                        DriverLocation.newBuilder().setSeconds(3).build().toByteArray())))
        .hasMessageStartingWith("a DriverLocation without driver_id");
  }

  @Test
  void egressesAreExactlyOnce() {
    assertThat(RideKafka.rideEvents(SETTINGS).semantic().isExactlyOnceSemantic()).isTrue();
    assertThat(RideKafka.driverStatus(SETTINGS).semantic().isExactlyOnceSemantic()).isTrue();
    assertThat(RideKafka.rideEvents(SETTINGS).kafkaAddress()).isEqualTo("broker:9092");
  }

  @Test
  void egressRecordsGoToTheirTopicsKeyedByRideAndDriver() throws Exception {
    RideEvent event =
        RideEvent.newBuilder().setRideId("alice-1").setKind(RideEvent.Kind.REQUESTED).build();
    ProducerRecord<byte[], byte[]> written =
        RideKafka.rideEvents(SETTINGS).serializer().serialize(event);
    assertThat(written.topic()).isEqualTo("ride-events");
    assertThat(new String(written.key(), StandardCharsets.UTF_8)).isEqualTo("alice-1");
    assertThat(RideEvent.parseFrom(written.value())).isEqualTo(event);

    DriverStatus status =
        DriverStatus.newBuilder().setDriverId("d1").setStatus(DriverStatus.Status.ON_RIDE).build();
    written = RideKafka.driverStatus(SETTINGS).serializer().serialize(status);
    assertThat(written.topic()).isEqualTo("status");
    assertThat(new String(written.key(), StandardCharsets.UTF_8)).isEqualTo("d1");
    assertThat(DriverStatus.parseFrom(written.value())).isEqualTo(status);
  }

  private static ConsumerRecord<byte[], byte[]> record(String topic, byte[] value) {
    return new ConsumerRecord<>(topic, 0, 0L, "key".getBytes(StandardCharsets.UTF_8), value);
  }
}
