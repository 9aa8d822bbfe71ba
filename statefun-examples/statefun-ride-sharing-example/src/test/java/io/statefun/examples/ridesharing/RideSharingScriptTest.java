package io.statefun.examples.ridesharing;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.examples.ridesharing.generated.DriverLocation;
import io.statefun.examples.ridesharing.generated.RideRequest;
import io.statefun.flink.harness.Harness;
import io.statefun.flink.harness.HarnessJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ride sharing driven by a script of ride requests and driver locations, one step at a time (see
 * {@link SteppedScript}); after each step the test checks exactly what the egresses received. All
 * places lie on the meridian 13.405 E, so distances are differences of latitude (0.0045 degrees is
 * about 0.5 km), and cells are {@code <hundredths of latitude>:1340}.
 */
class RideSharingScriptTest {
  private static final ConcurrentLinkedQueue<String> OUTPUT = new ConcurrentLinkedQueue<>();
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(120);

  /** Records released together, and what the egresses must receive for them. */
  private record Step(List<Object> records, List<String> expected) {
    static Step of(Object record, String... expected) {
      return new Step(List.of(record), List.of(expected));
    }

    static Step together(List<Object> records, String... expected) {
      return new Step(records, List.of(expected));
    }
  }

  @AfterEach
  void releaseSources() {
    SteppedScript.releaseAll();
  }

  @ParameterizedTest(name = "parallelism {0}")
  @ValueSource(ints = {1, 2})
  void matchesByCellAndReportsEachRideFromRequestToFare(int parallelism) throws Exception {
    DriverLocation staleD1 = location("d1", 52.600, 1);
    DriverLocation nextD1 = location("d1", 52.505, 4);
    List<Step> steps =
        List.of(
            Step.of(location("d1", 52.505, 1), "driver d1: available in cell 5250:1340"),
            Step.of(location("d2", 52.525, 1), "driver d2: available in cell 5252:1340"),
            Step.of(
                request("alice", 52.505, 1.0),
                "ride alice-1: requested by alice in cell 5250:1340",
                "ride alice-1: driver d1 assigned in cell 5250:1340, 0.00 km away",
                "driver d1: on ride alice-1"),
            // d2 is two cells north: outside the neighbourhood of 5250:1340.
            Step.of(
                request("bob", 52.505, 2.0),
                "ride bob-1: requested by bob in cell 5250:1340",
                "ride bob-1: no driver near cell 5250:1340"),
            Step.of(
                request("alice", 52.505, 1.0),
                "ride alice-1: alice asked for another ride, rejected"),
            Step.of(location("d1", 52.5095, 2), "ride alice-1: alice picked up by d1"),
            Step.of(
                location("d1", 52.514, 3),
                "ride alice-1: completed by d1, 1.00 km, fare 3.70",
                "driver d1: available in cell 5251:1340"),
            // The pickup's own cell is empty; its northern neighbour has d1, 1 km away.
            Step.of(
                request("bob", 52.505, 2.0),
                "ride bob-2: requested by bob in cell 5250:1340",
                "ride bob-2: driver d1 assigned in cell 5251:1340, 1.00 km away",
                "driver d1: on ride bob-2"),
            // A late, older report of d1 far away is ignored: the pickup comes with the next one.
            Step.together(
                List.of(staleD1, location("d2", 52.515, 2), nextD1),
                "driver d2: available in cell 5251:1340",
                "ride bob-2: bob picked up by d1"),
            // d0 joins d2's cell later: d2 has waited longer and gets the next ride there.
            Step.of(location("d0", 52.5155, 1), "driver d0: available in cell 5251:1340"),
            Step.of(
                request("carol", 52.515, 0.5),
                "ride carol-1: requested by carol in cell 5251:1340",
                "ride carol-1: driver d2 assigned in cell 5251:1340, 0.00 km away",
                "driver d2: on ride carol-1"),
            Step.of(
                location("d1", 52.487, 5),
                "ride bob-2: completed by d1, 2.00 km, fare 4.90",
                "driver d1: available in cell 5248:1340"),
            // One report takes carol from pickup to drop-off.
            Step.of(
                location("d2", 52.520, 3),
                "ride carol-1: carol picked up by d2",
                "ride carol-1: completed by d2, 0.56 km, fare 3.17",
                "driver d2: available in cell 5252:1340"));

    List<Object> records = new ArrayList<>();
    steps.forEach(step -> records.addAll(step.records()));
    SteppedScript.start(records);
    // The stale and the next report of d1 are released together: at parallelism 2 they must come
    // from the same source split (the same parity in the location stream) to stay in order.
    List<Integer> locations = SteppedScript.positionsOf(DriverLocation.class);
    assertThat(locations.indexOf(records.indexOf(staleD1)) % 2)
        .isEqualTo(locations.indexOf(records.indexOf(nextD1)) % 2);

    OUTPUT.clear();
    Harness harness =
        new Harness()
            .withParallelism(parallelism)
            .withConfiguration("statefun.message.serializer", "protobuf")
            .withConfiguration("pipeline.object-reuse", "true")
            .withGeneratedIngress(
                RideIO.RIDE_REQUESTS,
                SteppedScript.positionsOf(RideRequest.class).size(),
                SteppedScript.generator(RideRequest.class))
            .withGeneratedIngress(
                RideIO.DRIVER_LOCATIONS,
                locations.size(),
                SteppedScript.generator(DriverLocation.class))
            .withConsumingEgress(RideIO.RIDE_EVENTS, e -> OUTPUT.add(Describe.rideEvent(e)))
            .withConsumingEgress(RideIO.DRIVER_STATUS, s -> OUTPUT.add(Describe.driverStatus(s)));
    try (HarnessJob job = harness.startAsync()) {
      for (int i = 0; i < steps.size(); i++) {
        Step step = steps.get(i);
        step.records().forEach(record -> SteppedScript.releaseNext());
        List<String> received = awaitOutputs(job, step.expected().size());
        assertThat(received)
            .as("output of step %d", i)
            .containsExactlyInAnyOrderElementsOf(step.expected());
      }
      Thread.sleep(1000);
      assertThat(OUTPUT).as("output after the last step").isEmpty();
    }
  }

  private static DriverLocation location(String driver, double lat, long seconds) {
    return DriverLocation.newBuilder()
        .setDriverId(driver)
        .setLat(lat)
        .setLon(13.405)
        .setSeconds(seconds)
        .build();
  }

  private static RideRequest request(String passenger, double lat, double tripKm) {
    return RideRequest.newBuilder()
        .setPassengerId(passenger)
        .setLat(lat)
        .setLon(13.405)
        .setTripKm(tripKm)
        .build();
  }

  private static List<String> awaitOutputs(HarnessJob job, int count) throws Exception {
    List<String> received = new ArrayList<>();
    job.awaitCondition(
        () -> {
          for (String output = OUTPUT.poll(); output != null; output = OUTPUT.poll()) {
            received.add(output);
          }
          return received.size() >= count;
        },
        STEP_TIMEOUT);
    return received;
  }
}
