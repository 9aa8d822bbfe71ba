package io.statefun.examples.greeter;

import io.statefun.flink.harness.CallGraph;
import io.statefun.flink.harness.Harness;
import java.time.Duration;

/**
 * Runs the greeter on a local MiniCluster for a few seconds (first argument: seconds, default 5),
 * printing the greetings, then stops. The harness replaces the module's Kafka ingress with
 * generated names (10 a second) and its Kafka egress with standard out, so no broker is needed. At
 * the end it prints the run's call graph (a table and a Mermaid graph).
 */
public final class GreeterApp {
  private GreeterApp() {}

  public static void main(String[] args) throws Exception {
    Duration runFor = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 5);
    System.out.println(
        "Running the greeter for " + runFor.toSeconds() + " s on a local Flink MiniCluster...");
    CallGraph callGraph =
        new Harness()
            .withParallelism(2)
            .withCheckpointInterval(Duration.ofSeconds(1))
            .withGeneratedIngress(GreeterIO.NAMES, Long.MAX_VALUE, GreeterModule::nameAt, 10)
            .withPrintingEgress(GreeterIO.GREETINGS)
            .run(runFor);
    System.out.println("Greeter done. Who messaged whom:");
    System.out.println(callGraph.table());
    System.out.println(callGraph.mermaid());
  }
}
