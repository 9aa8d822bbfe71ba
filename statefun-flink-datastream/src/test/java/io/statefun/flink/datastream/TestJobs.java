package io.statefun.flink.datastream;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** For tests in other packages (the docs' walkthrough): run a program and collect a stream. */
public final class TestJobs {
  private TestJobs() {}

  public static StreamExecutionEnvironment environment(String backend, int parallelism, Path dir) {
    return LocalJob.environment(backend, parallelism, dir, null);
  }

  /**
   * Runs {@code env}'s job until {@code stream} has produced {@code count} records, then half a
   * second more (so that surplus records show), and returns what it produced.
   */
  public static <T> List<T> run(StreamExecutionEnvironment env, DataStream<T> stream, int count)
      throws Exception {
    CollectingSink<T> sink = CollectingSink.open("run");
    try {
      stream.sinkTo(sink);
      try (LocalJob job = LocalJob.start(env, "test job")) {
        job.await(
            () -> sink.records().size() >= count,
            () -> sink.records().size() + " of " + count + " records: " + sink.records());
        Thread.sleep(500);
      }
      return new ArrayList<>(sink.records());
    } finally {
      sink.close();
    }
  }
}
