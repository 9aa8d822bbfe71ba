package io.statefun.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.statefun.e2e.cluster.Await;
import io.statefun.e2e.cluster.FlinkCluster;
import io.statefun.e2e.cluster.FlinkProcess;
import io.statefun.e2e.cluster.FlinkRestClient;
import io.statefun.e2e.cluster.JvmInspector;
import io.statefun.e2e.cluster.ListeningAddresses;
import io.statefun.kafka.testkit.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The greeter's application jar on a real standalone Flink session cluster (a JobManager and
 * TaskManagers as separate JVMs, one slot each, on 127.0.0.1) with a real Kafka broker: submitted
 * through the REST API with {@code --statefun.*} arguments, its Kafka output read with {@code
 * read_committed} and compared with the exact expected greetings, whose visit counts are the
 * greeter's state.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GreeterOnClusterIT {
  private static final String ENTRY_CLASS = "io.statefun.flink.core.StatefulFunctionsJob";
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);
  private static final String FEEDBACK_CHANNEL = "io.statefun.flink.core.feedback.FeedbackChannel";
  private static final String FUNCTION_OPERATOR =
      "io.statefun.flink.core.functions.FunctionGroupOperator";
  private static final String KAFKA_MBEAN =
      "org.apache.kafka.common.metrics.JmxReporter$KafkaMbean";
  private static final String USER_CODE_CLASS_LOADER =
      "org.apache.flink.util.ChildFirstClassLoader";

  private KafkaBroker broker;
  private FlinkCluster cluster;
  private FlinkRestClient rest;
  private String jarId;
  private Figures figures;

  @BeforeAll
  void startClusterAndBroker() throws Exception {
    Path work =
        Path.of(System.getProperty("e2e.work.dir"), "greeter-" + System.currentTimeMillis());
    figures = new Figures(work.getParent().resolve("figures.txt"));
    broker = new KafkaBroker(work.resolve("kafka")).start();
    long start = System.nanoTime();
    cluster =
        FlinkCluster.start(
            Path.of(System.getProperty("flink.lib.dir")), work.resolve("flink"), 2, 1, Map.of());
    figures.record("cluster start (JobManager + 2 TaskManagers registered)", since(start));
    rest = cluster.rest();
    start = System.nanoTime();
    jarId = rest.uploadJar(Path.of(System.getProperty("greeter.app.jar")));
    figures.record("jar upload", since(start));
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

  @Test
  @Order(0)
  void everyProcessListensOnLoopbackOnly() throws Exception {
    List<FlinkProcess> processes = new ArrayList<>(cluster.liveTaskManagers().values());
    processes.add(cluster.jobManager());
    for (FlinkProcess process : processes) {
      assertThat(ListeningAddresses.of(process.pid()))
          .as("listening sockets of %s", process)
          .isNotEmpty()
          .allMatch(address -> address.getAddress().isLoopbackAddress());
    }
  }

  @Test
  @Order(1)
  void badSubmissionsFailNamingTheCulprit() throws Exception {
    broker.createTopic("bad-names", 2);
    assertThatThrownBy(
            () ->
                submit(
                    "bad-config",
                    "bad-names",
                    "bad-greetings",
                    2,
                    null,
                    "--statefun.local.max-batch",
                    "0"))
        .isInstanceOf(FlinkRestClient.RestException.class)
        .hasMessageContaining("statefun.local.max-batch must be at least 1, but is 0");
    assertThatThrownBy(
            () ->
                submit(
                    "bad-module",
                    "bad-names",
                    "bad-greetings",
                    2,
                    null,
                    "--statefun.module.global-config.greetings-topic",
                    " "))
        .isInstanceOf(FlinkRestClient.RestException.class)
        .hasMessageContaining(
            "module io.statefun.examples.greeter.GreeterModule failed to configure")
        .hasMessageContaining("statefun.module.global-config.greetings-topic must not be blank");
    assertThat(rest.get("/jobs/overview").path("jobs")).isEmpty();
  }

  @Test
  @Order(2)
  void greetsEveryVisitorExactlyOnce() throws Exception {
    int names = 300;
    createTopics("s1");
    try (GreetingsFeeder feeder = GreetingsFeeder.start(broker, "s1-names", names, 200)) {
      long start = System.nanoTime();
      submit("greeter-s1", "s1-names", "s1-greetings", 2, null);
      figures.record("job submission (REST run until every task runs)", since(start));
      feeder.awaitDone();
    }
    awaitExactGreetings("s1-greetings", names);
    figures.record("records checked, scenario 1", names);
  }

  @Test
  @Order(3)
  void runsTheJobTwiceOnOneClusterLeavingNothingBehind() throws Exception {
    int names = 140;
    createTopics("s4");
    broker.createTopic("s4-greetings-second", 2);
    try (GreetingsFeeder feeder = GreetingsFeeder.start(broker, "s4-names", names, 500)) {
      feeder.awaitDone();
    }
    String first = submit("greeter-s4", "s4-names", "s4-greetings", 2, null);
    awaitExactGreetings("s4-greetings", names);
    rest.cancel(first);
    Await.until("the first run cancelled", JOB_TIMEOUT, () -> stateOf(first, "CANCELED"));

    // Nothing of the first run may stay held on any TaskManager: no feedback channel registered in
    // the broker (the one static registry statefun keeps), no function operator, no Kafka client
    // thread, no Kafka client MBean in the JVM's MBean server (one did stay after a cancel and
    // kept the job's class loader, with every class and static of the job, reachable).
    Duration released;
    try {
      released =
          Await.until("TaskManagers free of the first run", Duration.ofMinutes(2), this::leftovers);
    } catch (AssertionError e) {
      // For finding what holds on: heap dumps of the TaskManagers next to their logs.
      for (FlinkProcess tm : cluster.liveTaskManagers().values()) {
        JvmInspector.heapDump(tm.pid(), cluster.logDir().resolve(tm.name() + ".hprof"));
      }
      throw e;
    }
    figures.record("TaskManagers free of the cancelled run after", released);
    figures.record(
        "user-code class loaders not yet unloaded on the TaskManagers then (full GC)",
        liveOnTaskManagers(USER_CODE_CLASS_LOADER));

    String second = submit("greeter-s4-again", "s4-names", "s4-greetings-second", 2, null);
    // Only the second run's channels are registered: one per functions subtask.
    assertThat(liveOnTaskManagers(FEEDBACK_CHANNEL)).isEqualTo(2);
    // The second run starts from no state: the same input greets everybody anew.
    awaitExactGreetings("s4-greetings-second", names);
    assertThat(readCommitted("s4-greetings"))
        .containsExactlyInAnyOrderElementsOf(GreetingsFeeder.expectedGreetings(names));
    rest.cancel(second);
  }

  @Test
  @Order(4)
  void recoversExactlyAfterATaskManagerIsKilled() throws Exception {
    int names = 1500;
    createTopics("s2");
    try (GreetingsFeeder feeder = GreetingsFeeder.start(broker, "s2-names", names, 50)) {
      String job = submit("greeter-s2", "s2-names", "s2-greetings", 2, null);
      Await.until(
          "some greetings committed",
          JOB_TIMEOUT,
          () -> {
            int committed = readCommitted("s2-greetings").size();
            return committed >= 200 ? null : committed + " committed";
          });
      String victim =
          rest.taskManagersByVertex(job).entrySet().stream()
              .filter(e -> e.getKey().contains("statefun-functions"))
              .findFirst()
              .orElseThrow()
              .getValue()
              .get(0);
      FlinkProcess victimProcess = cluster.liveTaskManagers().get(victim);
      int writtenAtKill = feeder.written();
      long killedAt = System.nanoTime();
      cluster.killTaskManager(victim);
      figures.record(
          "TaskManager killed (kill -9 of pid " + victimProcess.pid() + ") after names written",
          writtenAtKill);
      // A replacement, as a cluster manager would start one; the job needs two slots again.
      cluster.startTaskManager();
      Await.until(
          "the job restarted and runs every task",
          JOB_TIMEOUT,
          () -> {
            String restarts = rest.jobMetric(job, "numRestarts");
            if (restarts == null || Long.parseLong(restarts) < 1) {
              return "numRestarts " + restarts;
            }
            return rest.allTasksRunning(job) ? null : "not all tasks running";
          });
      figures.record(
          "recovery after TaskManager kill (kill until every task runs again)", since(killedAt));
      Await.until(
          "a checkpoint completed after the restore",
          JOB_TIMEOUT,
          () -> {
            JsonNode latest = rest.checkpoints(job).path("latest");
            long restoredAt = latest.path("restored").path("restore_timestamp").asLong(0);
            long completedAt = latest.path("completed").path("latest_ack_timestamp").asLong(0);
            return restoredAt > 0 && completedAt > restoredAt ? null : "latest " + latest;
          });
      figures.record(
          "recovery after TaskManager kill (kill until the first checkpoint after restore)",
          since(killedAt));
      feeder.awaitDone();
    }
    awaitExactGreetings("s2-greetings", names);
    figures.record("records checked, scenario 2", names);
  }

  @Test
  @Order(5)
  void rescalesFromTwoToThreeThroughASavepoint() throws Exception {
    int names = 1200;
    createTopics("s3");
    try (GreetingsFeeder feeder = GreetingsFeeder.start(broker, "s3-names", names, 60)) {
      String before = submit("greeter-s3", "s3-names", "s3-greetings", 2, null);
      Await.until(
          "some greetings committed",
          JOB_TIMEOUT,
          () -> {
            int committed = readCommitted("s3-greetings").size();
            return committed >= 300 ? null : committed + " committed";
          });
      long start = System.nanoTime();
      String trigger = rest.stopWithSavepoint(before, cluster.savepointDir());
      String[] location = new String[1];
      Await.until(
          "the savepoint",
          JOB_TIMEOUT,
          () -> {
            JsonNode status = rest.savepointStatus(before, trigger);
            if (!"COMPLETED".equals(status.path("status").path("id").asText())) {
              return status.toString();
            }
            JsonNode operation = status.path("operation");
            if (operation.has("failure-cause")) {
              throw new AssertionError("stop-with-savepoint failed: " + operation);
            }
            location[0] = operation.path("location").asText();
            return null;
          });
      Await.until("the job stopped", JOB_TIMEOUT, () -> stateOf(before, "FINISHED"));
      figures.record("stop-with-savepoint", since(start));
      int committedAtStop = readCommitted("s3-greetings").size();

      while (cluster.liveTaskManagers().size() < 3) {
        cluster.startTaskManager();
      }
      String after = submit("greeter-s3", "s3-names", "s3-greetings", 3, location[0]);
      assertThat(rest.job(after).path("vertices"))
          .allSatisfy(vertex -> assertThat(vertex.path("parallelism").asInt()).isEqualTo(3));
      assertThat(
              rest.checkpoints(after)
                  .path("latest")
                  .path("restored")
                  .path("external_path")
                  .asText())
          .isEqualTo(location[0]);
      figures.record("greetings committed before the savepoint", committedAtStop);
      feeder.awaitDone();
    }
    awaitExactGreetings("s3-greetings", names);
    figures.record("records checked, scenario 3", names);
  }

  // ------------------------------------------------------------------------------------------

  private void createTopics(String prefix) {
    broker.createTopic(prefix + "-names", 2);
    broker.createTopic(prefix + "-greetings", 2);
  }

  /** Submits the greeter jar and waits until every task runs; returns the job id. */
  private String submit(
      String jobName,
      String namesTopic,
      String greetingsTopic,
      int parallelism,
      String savepoint,
      String... extraArgs)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--statefun.flink-job-name", jobName,
                "--statefun.module.global-config.kafka-address", broker.bootstrapServers(),
                "--statefun.module.global-config.names-topic", namesTopic,
                "--statefun.module.global-config.greetings-topic", greetingsTopic,
                "--pipeline.max-parallelism", "64"));
    args.addAll(List.of(extraArgs));
    String job = rest.runJar(jarId, ENTRY_CLASS, parallelism, args, savepoint);
    Await.until(
        "job " + jobName + " running",
        JOB_TIMEOUT,
        () -> rest.allTasksRunning(job) ? null : rest.jobState(job));
    return job;
  }

  private String stateOf(String job, String expected) throws Exception {
    String state = rest.jobState(job);
    return expected.equals(state) ? null : state;
  }

  private List<String> readCommitted(String topic) {
    return broker.readAllValues(topic, IsolationLevel.READ_COMMITTED);
  }

  /**
   * Waits until the topic holds as many committed greetings as expected, then lets two more
   * checkpoints pass (so late duplicates would be committed too) and compares exactly.
   */
  private void awaitExactGreetings(String topic, int names) throws Exception {
    Await.until(
        names + " greetings in " + topic,
        JOB_TIMEOUT,
        () -> {
          int committed = readCommitted(topic).size();
          return committed >= names ? null : committed + " committed";
        });
    Thread.sleep(3000);
    assertThat(readCommitted(topic))
        .containsExactlyInAnyOrderElementsOf(GreetingsFeeder.expectedGreetings(names));
  }

  /**
   * What the cancelled run left on the TaskManagers, or null if nothing: a feedback channel still
   * registered in the JVM-wide broker, a function operator, a Kafka client MBean or thread.
   */
  private String leftovers() throws Exception {
    List<String> found = new ArrayList<>();
    for (FlinkProcess tm : cluster.liveTaskManagers().values()) {
      Map<String, Long> objects = JvmInspector.liveInstances(tm.pid(), "io.statefun.");
      objects.keySet().retainAll(List.of(FEEDBACK_CHANNEL, FUNCTION_OPERATOR));
      objects.putAll(JvmInspector.liveInstances(tm.pid(), KAFKA_MBEAN));
      List<String> kafkaThreads =
          JvmInspector.threadNames(tm.pid()).stream()
              .filter(name -> name.startsWith("kafka-"))
              .toList();
      if (!objects.isEmpty() || !kafkaThreads.isEmpty()) {
        found.add(tm + ": objects " + objects + ", threads " + kafkaThreads);
      }
    }
    return found.isEmpty() ? null : String.join("; ", found);
  }

  /** Live instances of {@code className} summed over the TaskManagers. */
  private long liveOnTaskManagers(String className) throws Exception {
    long total = 0;
    for (FlinkProcess tm : cluster.liveTaskManagers().values()) {
      total += JvmInspector.liveInstances(tm.pid(), className).getOrDefault(className, 0L);
    }
    return total;
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
