package io.statefun.examples.ridesharing;

import io.statefun.flink.harness.Harness;
import java.time.Duration;

/**
 * Runs the ride-sharing example on a local MiniCluster for a while, then stops. The harness
 * replaces the module's Kafka IO: a {@link CitySimulation} feeds the two ingresses, and ride events
 * and driver availability are printed.
 *
 * <p>Arguments, all optional and positive: seconds to run (20), drivers (50), passengers (500) and
 * speed-up (10), the simulated seconds per second, so the drivers report {@code drivers * speed-up}
 * locations per second and passengers book {@code speed-up / 2} rides per second.
 *
 * <p>Every message is a protobuf message, so the job uses the protobuf payload serializer; object
 * reuse lets ingress records reach their router without a copy through Kryo, which cannot copy
 * protobuf messages reliably.
 */
public final class RideSharingApp {
  private RideSharingApp() {}

  public static void main(String[] args) throws Exception {
    Duration runFor = Duration.ofSeconds(positive(args, 0, "seconds", 20));
    CitySimulation city =
        new CitySimulation(positive(args, 1, "drivers", 50), positive(args, 2, "passengers", 500));
    double speedUp = positive(args, 3, "speed-up", 10);
    System.out.println(
        "Running ride sharing for " + runFor.toSeconds() + " s on a local Flink MiniCluster...");
    // #region harness
    new Harness()
        .withParallelism(2)
        .withCheckpointInterval(Duration.ofSeconds(1))
        .withConfiguration("statefun.message.serializer", "protobuf")
        .withConfiguration("pipeline.object-reuse", "true")
        .withGeneratedIngress(RideIO.RIDE_REQUESTS, Long.MAX_VALUE, city::requestAt, speedUp / 2)
        .withGeneratedIngress(
            RideIO.DRIVER_LOCATIONS, Long.MAX_VALUE, city::locationAt, city.drivers() * speedUp)
        .withConsumingEgress(
            RideIO.RIDE_EVENTS, event -> System.out.println(Describe.rideEvent(event)))
        .withConsumingEgress(
            RideIO.DRIVER_STATUS, status -> System.out.println(Describe.driverStatus(status)))
        .run(runFor);
    // #endregion harness
    System.out.println("Ride sharing done.");
  }

  private static int positive(String[] args, int position, String name, int orElse) {
    if (args.length <= position) {
      return orElse;
    }
    try {
      int parsed = Integer.parseInt(args[position].trim());
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "argument "
            + (position + 1)
            + " ("
            + name
            + ") must be a positive whole number, was '"
            + args[position]
            + "'");
  }
}
