package io.statefun.e2e;

import io.statefun.e2e.cluster.Await;
import io.statefun.e2e.cluster.FlinkCluster;
import io.statefun.e2e.cluster.FlinkRestClient;
import io.statefun.kafka.testkit.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One example's application jar on a standalone Flink session cluster (a JobManager and two
 * TaskManagers with one slot each, separate JVMs on 127.0.0.1) and a Kafka broker in this JVM: both
 * started once for the test class, the jar uploaded once, every job cancelled after each test, and
 * everything stopped at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OnClusterTestBase {
  static final String ENTRY_CLASS = "io.statefun.flink.core.StatefulFunctionsJob";
  static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);

  private final String name;
  private final String jarProperty;

  KafkaBroker broker;
  FlinkCluster cluster;
  FlinkRestClient rest;
  String jarId;
  Figures figures;

  /**
   * @param name names the work directory under {@code target/e2e}
   * @param jarProperty the system property holding the application jar's path (set by the build)
   */
  OnClusterTestBase(String name, String jarProperty) {
    this.name = name;
    this.jarProperty = jarProperty;
  }

  @BeforeAll
  void startClusterAndBroker() throws Exception {
    Path work =
        Path.of(System.getProperty("e2e.work.dir"), name + "-" + System.currentTimeMillis());
    figures = new Figures(work.getParent().resolve("figures.txt"));
    broker = new KafkaBroker(work.resolve("kafka")).start();
    long start = System.nanoTime();
    cluster =
        FlinkCluster.start(
            Path.of(System.getProperty("flink.lib.dir")), work.resolve("flink"), 2, 1, Map.of());
    figures.record(name + ": cluster start (JobManager + 2 TaskManagers registered)", since(start));
    rest = cluster.rest();
    start = System.nanoTime();
    jarId = rest.uploadJar(Path.of(System.getProperty(jarProperty)));
    figures.record(name + ": jar upload", since(start));
  }

  @AfterEach
  void cancelRunningJobs() throws Exception {
    if (rest == null) {
      return;
    }
    for (String job : rest.activeJobIds()) {
      rest.cancel(job);
    }
    Await.until(
        "all jobs ended",
        JOB_TIMEOUT,
        () -> {
          List<String> active = rest.activeJobIds();
          return active.isEmpty() ? null : "active: " + active;
        });
  }

  @AfterAll
  void stopEverything() throws Exception {
    try {
      if (cluster != null) {
        cluster.close();
      }
    } finally {
      if (broker != null) {
        broker.close();
      }
    }
  }

  /**
   * Runs the uploaded jar with {@code args} and waits until every task runs; returns the job id.
   */
  String runAndAwaitRunning(String jobName, int parallelism, String savepoint, List<String> args)
      throws Exception {
    String job = rest.runJar(jarId, ENTRY_CLASS, parallelism, args, savepoint);
    Await.until(
        "job " + jobName + " running",
        JOB_TIMEOUT,
        () -> rest.allTasksRunning(job) ? null : rest.jobState(job));
    return job;
  }

  /** Null if the job is in {@code expected} state, else its state (for {@link Await#until}). */
  String stateOf(String job, String expected) throws Exception {
    String state = rest.jobState(job);
    return expected.equals(state) ? null : state;
  }

  List<String> readCommitted(String topic) {
    return broker.readAllValues(topic, IsolationLevel.READ_COMMITTED);
  }

  static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
