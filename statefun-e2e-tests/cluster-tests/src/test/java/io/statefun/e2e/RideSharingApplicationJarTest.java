package io.statefun.e2e;

import java.util.List;

/**
 * The ride-sharing application jar is what a Flink cluster expects (see the contract), with its
 * functions, its generated protobuf messages, protobuf's runtime and its Kafka bindings inside, and
 * its local run (the harness-based {@code RideSharingApp}) left out.
 */
class RideSharingApplicationJarTest extends ApplicationJarContract {
  RideSharingApplicationJarTest() {
    super("ride-sharing.app.jar", "io.statefun.examples.ridesharing.RideSharingModule");
  }

  @Override
  List<String> expectedClasses() {
    return List.of(
        "io/statefun/examples/ridesharing/functions/RideFn.class",
        "io/statefun/examples/ridesharing/functions/GeoCellFn.class",
        "io/statefun/examples/ridesharing/generated/RideEvent.class",
        "io/statefun/examples/ridesharing/kafka/RideKafka.class",
        "com/google/protobuf/GeneratedMessage.class");
  }
}
