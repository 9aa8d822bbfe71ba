package io.statefun.examples.ridesharing.kafka;

import java.io.Serializable;
import java.util.Map;

/**
 * Where the ride-sharing job finds Kafka and its four topics, read from the module configuration
 * (keys under {@code statefun.module.global-config.}): {@code kafka-address} (default {@code
 * localhost:9092}), {@code ride-requests-topic}, {@code driver-locations-topic}, {@code
 * ride-events-topic} and {@code driver-status-topic} (defaults: the key without {@code -topic}).
 */
public record RideKafkaSettings(
    String kafkaAddress,
    String rideRequestsTopic,
    String driverLocationsTopic,
    String rideEventsTopic,
    String driverStatusTopic)
    implements Serializable {
  public static final String KAFKA_ADDRESS_KEY = "kafka-address";
  public static final String RIDE_REQUESTS_TOPIC_KEY = "ride-requests-topic";
  public static final String DRIVER_LOCATIONS_TOPIC_KEY = "driver-locations-topic";
  public static final String RIDE_EVENTS_TOPIC_KEY = "ride-events-topic";
  public static final String DRIVER_STATUS_TOPIC_KEY = "driver-status-topic";

  public static RideKafkaSettings from(Map<String, String> globalConfiguration) {
    return new RideKafkaSettings(
        setting(globalConfiguration, KAFKA_ADDRESS_KEY, "localhost:9092"),
        setting(globalConfiguration, RIDE_REQUESTS_TOPIC_KEY, "ride-requests"),
        setting(globalConfiguration, DRIVER_LOCATIONS_TOPIC_KEY, "driver-locations"),
        setting(globalConfiguration, RIDE_EVENTS_TOPIC_KEY, "ride-events"),
        setting(globalConfiguration, DRIVER_STATUS_TOPIC_KEY, "driver-status"));
  }

  private static String setting(Map<String, String> config, String key, String orElse) {
    String value = config.get(key);
    if (value == null) {
      return orElse;
    }
    if (value.isBlank()) {
      throw new IllegalArgumentException(
          "module configuration '" + key + "' must not be blank (default '" + orElse + "')");
    }
    return value.trim();
  }
}
