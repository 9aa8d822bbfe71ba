package io.statefun.flink.datastream.walkthrough;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.datastream.TestJobs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the deployment docs' DataStream walkthrough on a MiniCluster. */
class GreeterProgramIT {
  @TempDir Path dir;

  @Test
  void theWalkthroughGreetsEachVisitAndRemindsEachNameOnce() throws Exception {
    StreamExecutionEnvironment env = TestJobs.environment("hashmap", 2, dir);
    env.enableCheckpointing(500);
    List<String> greetings = TestJobs.run(env, GreeterProgram.greetings(env, 6), 9);

    List<String> expected = new ArrayList<>();
    for (String name : GreeterProgram.NAMES) {
      String upper = name.toUpperCase();
      expected.add("HELLO " + upper + ", VISIT 1");
      expected.add("HELLO " + upper + ", VISIT 2");
      expected.add("STILL THERE, " + upper + "?");
    }
    assertThat(greetings).containsExactlyInAnyOrderElementsOf(expected);
  }
}
