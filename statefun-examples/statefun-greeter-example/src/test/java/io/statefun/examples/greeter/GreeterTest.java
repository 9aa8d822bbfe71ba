package io.statefun.examples.greeter;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.harness.CallGraph;
import io.statefun.flink.harness.Harness;
import io.statefun.flink.harness.HarnessJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

class GreeterTest {
  private static final ConcurrentLinkedQueue<String> GREETINGS = new ConcurrentLinkedQueue<>();

  @Test
  void greetsEveryVisitorWithTheirVisitCount() throws Exception {
    int visitsEach = 4;
    int total = GreeterModule.NAMES.length * visitsEach;
    GREETINGS.clear();
    Harness harness =
        new Harness()
            .withParallelism(2)
            .withCheckpointInterval(Duration.ofMillis(500))
            .withGeneratedIngress(GreeterIO.NAMES, total, GreeterModule::nameAt)
            .withConsumingEgress(GreeterIO.GREETINGS, greeting -> GREETINGS.add(greeting));
    HarnessJob job = harness.startAsync();
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (GREETINGS.size() < total && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    } finally {
      job.close();
    }
    List<String> expected = new ArrayList<>();
    for (String name : GreeterModule.NAMES) {
      for (int visit = 1; visit <= visitsEach; visit++) {
        expected.add(FormatterFn.greeting(new GreetRequest(name, visit)));
      }
    }
    assertThat(GREETINGS).containsExactlyInAnyOrderElementsOf(expected);
    // Read after the job ended, so the counts are final.
    assertThat(job.callGraph().edges())
        .containsExactly(
            new CallGraph.Edge("ingress greeter/names", "greeter/greeter", total),
            new CallGraph.Edge("greeter/greeter", "greeter/formatter", total),
            new CallGraph.Edge("greeter/formatter", "egress greeter/greetings", total));
  }
}
