package io.statefun.examples.greeter;

import io.statefun.flink.harness.CallGraph;
import io.statefun.flink.harness.Harness;
import java.time.Duration;

/**
 * Runs the greeter on a local MiniCluster for a few seconds (first argument: seconds, default 5),
 * printing the greetings, then stops and prints its call graph (a table and a Mermaid graph).
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
            .withConfiguration("statefun.module.global-config.names-per-second", "10")
            .run(runFor);
    System.out.println("Greeter done. Who messaged whom:");
    System.out.println(callGraph.table());
    System.out.println(callGraph.mermaid());
  }
}
