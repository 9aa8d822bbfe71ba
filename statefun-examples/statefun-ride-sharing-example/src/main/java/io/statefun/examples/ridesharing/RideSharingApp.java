package io.statefun.examples.ridesharing;

import io.statefun.flink.harness.Harness;
import java.time.Duration;

/**
 * Runs the ride-sharing example on a local MiniCluster for a while (first argument: seconds,
 * default 20) on a simulated city, printing ride events and driver availability, then stops.
 *
 * <p>Every message is a protobuf message, so the job uses the protobuf payload serializer; object
 * reuse lets ingress records reach their router without a copy through Kryo, which cannot copy
 * protobuf messages.
 */
public final class RideSharingApp {
  private RideSharingApp() {}

  public static void main(String[] args) throws Exception {
    Duration runFor = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 20);
    System.out.println(
        "Running ride sharing for " + runFor.toSeconds() + " s on a local Flink MiniCluster...");
    new Harness()
        .withParallelism(2)
        .withCheckpointInterval(Duration.ofSeconds(1))
        .withConfiguration("statefun.message.serializer", "protobuf")
        .withConfiguration("pipeline.object-reuse", "true")
        .run(runFor);
    System.out.println("Ride sharing done.");
  }
}
