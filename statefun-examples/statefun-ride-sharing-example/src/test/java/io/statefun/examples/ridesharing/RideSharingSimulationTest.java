package io.statefun.examples.ridesharing;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.examples.ridesharing.generated.DriverStatus;
import io.statefun.examples.ridesharing.generated.RideEvent;
import io.statefun.flink.harness.Harness;
import io.statefun.flink.harness.HarnessJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * The simulated city of the local run, at parallelism 2 with checkpoints, as fast as the job takes
 * it. Timing decides who gets which driver, so the test checks what must hold whatever the timing:
 * each ride goes through its lifecycle in order, and no driver serves two rides at once.
 */
class RideSharingSimulationTest {
  private static final ConcurrentLinkedQueue<RideEvent> RIDES = new ConcurrentLinkedQueue<>();
  private static final ConcurrentLinkedQueue<DriverStatus> DRIVERS = new ConcurrentLinkedQueue<>();
  private static final int DRIVER_COUNT = 20;
  private static final int SECONDS = 400;
  private static final int REQUESTS = 60;

  @Test
  void everyRideFollowsItsLifecycleAndNoDriverServesTwoAtOnce() throws Exception {
    RIDES.clear();
    DRIVERS.clear();
    CitySimulation city = new CitySimulation(DRIVER_COUNT, 40);
    Harness harness =
        new Harness()
            .withParallelism(2)
            .withCheckpointInterval(Duration.ofMillis(500))
            // Default settings: protobuf messages travel as protobuf with any serializer.
            .withGeneratedIngress(RideIO.RIDE_REQUESTS, REQUESTS, city::requestAt, 50)
            .withGeneratedIngress(
                RideIO.DRIVER_LOCATIONS, (long) DRIVER_COUNT * SECONDS, city::locationAt, 4000)
            .withConsumingEgress(RideIO.RIDE_EVENTS, event -> RIDES.add(event))
            .withConsumingEgress(RideIO.DRIVER_STATUS, status -> DRIVERS.add(status));
    try (HarnessJob job = harness.startAsync()) {
      // Every request is answered: requested, rejected, or (with no driver near) given up.
      job.awaitCondition(
          () ->
              RIDES.stream()
                      .filter(
                          e ->
                              e.getKind() == RideEvent.Kind.REQUESTED
                                  || e.getKind() == RideEvent.Kind.REJECTED)
                      .count()
                  == REQUESTS,
          Duration.ofSeconds(120));
      // Let the drivers drive out the locations.
      job.awaitCondition(
          () ->
              DRIVERS.stream().anyMatch(s -> s.getStatus() == DriverStatus.Status.AVAILABLE)
                  && RIDES.stream().filter(e -> e.getKind() == RideEvent.Kind.COMPLETED).count()
                      >= 5,
          Duration.ofSeconds(120));
      Thread.sleep(500);
    }

    Map<String, List<RideEvent.Kind>> lifecycles = new HashMap<>();
    for (RideEvent event : RIDES) {
      if (event.getKind() != RideEvent.Kind.REJECTED) {
        lifecycles.computeIfAbsent(event.getRideId(), id -> new ArrayList<>()).add(event.getKind());
      }
    }
    List<RideEvent.Kind> served =
        List.of(
            RideEvent.Kind.REQUESTED,
            RideEvent.Kind.DRIVER_ASSIGNED,
            RideEvent.Kind.PICKED_UP,
            RideEvent.Kind.COMPLETED);
    List<RideEvent.Kind> unserved = List.of(RideEvent.Kind.REQUESTED, RideEvent.Kind.NO_DRIVER);
    lifecycles.forEach(
        (ride, kinds) ->
            assertThat(isPrefix(kinds, served) || kinds.equals(unserved))
                .as("lifecycle of ride %s: %s", ride, kinds)
                .isTrue());

    // Per driver, the status stream alternates: on a ride, then available again, never two rides.
    Map<String, String> onRide = new HashMap<>();
    for (DriverStatus status : DRIVERS) {
      String previous = onRide.get(status.getDriverId());
      if (status.getStatus() == DriverStatus.Status.ON_RIDE) {
        assertThat(previous)
            .as("driver %s took %s", status.getDriverId(), status.getRideId())
            .isNull();
        onRide.put(status.getDriverId(), status.getRideId());
      } else {
        onRide.remove(status.getDriverId());
      }
    }
    long completed = lifecycles.values().stream().filter(k -> k.equals(served)).count();
    assertThat(completed).isGreaterThanOrEqualTo(5);
  }

  private static boolean isPrefix(List<RideEvent.Kind> kinds, List<RideEvent.Kind> of) {
    return kinds.size() <= of.size() && kinds.equals(of.subList(0, kinds.size()));
  }
}
