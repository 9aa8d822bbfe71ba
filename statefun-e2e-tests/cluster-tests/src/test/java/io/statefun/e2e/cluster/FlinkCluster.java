package io.statefun.e2e.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A standalone Flink session cluster made of separate JVMs on 127.0.0.1: one JobManager ({@code
 * StandaloneSessionClusterEntrypoint}) and any number of TaskManagers ({@code TaskManagerRunner}),
 * with the class path {@code lib/*} assembled from Maven jars, as Flink's start scripts would run
 * them (memory flags from {@code BashJavaUtils}, the Java 17 {@code --add-opens}, the log file).
 * Every process is stopped by PID on {@link #close()}, and by a shutdown hook if the test JVM ends
 * first.
 */
public final class FlinkCluster implements AutoCloseable {
  /** The Java 17 flags every Flink JVM needs; without Flink's scripts nobody else adds them. */
  static final List<String> JAVA_17_FLAGS =
      List.of(
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-exports=java.base/sun.net.util=ALL-UNNAMED");

  private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";
  private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

  private final Path libDir;
  private final ClusterLayout layout;
  private final FlinkRestClient rest;
  private final FlinkProcess jobManager;
  private final Map<String, FlinkProcess> taskManagers = new LinkedHashMap<>();
  private final List<String> tmResourceParams;
  private int nextTaskManager = 1;

  private FlinkCluster(
      Path libDir, ClusterLayout layout, FlinkProcess jobManager, List<String> tmResourceParams) {
    this.libDir = libDir;
    this.layout = layout;
    this.jobManager = jobManager;
    this.tmResourceParams = tmResourceParams;
    this.rest = new FlinkRestClient("http://" + ClusterLayout.HOST + ":" + layout.restPort);
  }

  /**
   * Starts a JobManager and {@code taskManagers} TaskManagers and waits until the REST API answers
   * and every TaskManager has registered.
   *
   * @param libDir Flink's {@code lib/}
   * @param workDir a fresh directory for conf, logs, temporary files, checkpoints and savepoints
   * @param extraConfig added to (or overriding) the cluster's {@code config.yaml}
   */
  public static FlinkCluster start(
      Path libDir,
      Path workDir,
      int taskManagers,
      int slotsPerTaskManager,
      Map<String, String> extraConfig)
      throws Exception {
    if (!Files.isDirectory(libDir)) {
      throw new IllegalStateException(
          "Flink's lib/ directory " + libDir + " does not exist: build statefun-e2e-flink-lib");
    }
    ClusterLayout layout = ClusterLayout.create(workDir, slotsPerTaskManager, extraConfig);
    List<String> jmParams = resourceParams(libDir, layout, "GET_JM_RESOURCE_PARAMS");
    List<String> tmParams = resourceParams(libDir, layout, "GET_TM_RESOURCE_PARAMS");
    FlinkProcess jm =
        FlinkProcess.start(
            "jobmanager",
            command(
                libDir,
                layout,
                "jobmanager",
                jmParams.get(0),
                "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                jmParams.get(1)),
            layout.logDir);
    FlinkCluster cluster = new FlinkCluster(libDir, layout, jm, tmParams);
    try {
      for (int i = 0; i < taskManagers; i++) {
        cluster.launchTaskManager();
      }
      cluster.awaitRegisteredTaskManagers(taskManagers);
      return cluster;
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
  }

  /** The two result lines of {@code BashJavaUtils}: JVM memory flags, then dynamic properties. */
  private static List<String> resourceParams(Path libDir, ClusterLayout layout, String command)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaExecutable());
    cmd.add("-Xmx64m");
    cmd.add("-cp");
    cmd.add(libDir.resolve("*").toString());
    cmd.add("org.apache.flink.runtime.util.bash.BashJavaUtils");
    cmd.add(command);
    cmd.add("--configDir");
    cmd.add(layout.confDir.toString());
    Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IllegalStateException("BashJavaUtils " + command + " failed:\n" + output);
    }
    List<String> results = new ArrayList<>();
    for (String line : output.split("\n")) {
      if (line.startsWith(RESULT_PREFIX)) {
        results.add(line.substring(RESULT_PREFIX.length()).trim());
      }
    }
    if (results.size() != 2) {
      throw new IllegalStateException(
          "BashJavaUtils " + command + " printed no JVM flags and dynamic properties:\n" + output);
    }
    return results;
  }

  private static List<String> command(
      Path libDir,
      ClusterLayout layout,
      String name,
      String jvmMemoryFlags,
      String mainClass,
      String dynamicProperties,
      String... extraArgs) {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaExecutable());
    cmd.addAll(Arrays.asList(jvmMemoryFlags.split("\\s+")));
    cmd.addAll(JAVA_17_FLAGS);
    // Softly reachable objects go at the next GC, so that what is still alive after a full GC is
    // what is strongly held (the JDK's serialization caches hold classes softly).
    cmd.add("-XX:SoftRefLRUPolicyMSPerMB=0");
    cmd.add("-Djava.io.tmpdir=" + layout.tmpDir);
    cmd.add("-Dlog.file=" + layout.logDir.resolve(name + ".log"));
    cmd.add("-Dlog4j.configurationFile=" + layout.confDir.resolve("log4j2.properties").toUri());
    cmd.add("-cp");
    cmd.add(libDir.resolve("*").toString());
    cmd.add(mainClass);
    cmd.add("--configDir");
    cmd.add(layout.confDir.toString());
    // "-D key=value -D key=value": each pair is two arguments.
    cmd.addAll(Arrays.asList(dynamicProperties.split("\\s+")));
    cmd.addAll(Arrays.asList(extraArgs));
    return cmd;
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private FlinkProcess launchTaskManager() throws IOException {
    String id = "taskmanager-" + nextTaskManager++;
    List<String> cmd =
        command(
            libDir,
            layout,
            id,
            tmResourceParams.get(0),
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
            tmResourceParams.get(1),
            // The REST API then names this TaskManager by the id the test knows it by.
            "-D",
            "taskmanager.resource-id=" + id);
    FlinkProcess tm = FlinkProcess.start(id, cmd, layout.logDir);
    taskManagers.put(id, tm);
    return tm;
  }

  /** Starts one more TaskManager and waits until it has registered; returns its id. */
  public String startTaskManager() throws Exception {
    FlinkProcess tm = launchTaskManager();
    awaitRegisteredTaskManagers(liveTaskManagers().size());
    return tm.name();
  }

  /** {@code kill -9} of a TaskManager, by its PID. */
  public void killTaskManager(String id) throws InterruptedException {
    FlinkProcess tm = taskManagers.remove(id);
    if (tm == null) {
      throw new IllegalArgumentException("no running TaskManager " + id + ": " + taskManagers);
    }
    tm.kill();
  }

  /** The TaskManagers started and not killed, by id. */
  public Map<String, FlinkProcess> liveTaskManagers() {
    return Map.copyOf(taskManagers);
  }

  public FlinkProcess jobManager() {
    return jobManager;
  }

  public FlinkRestClient rest() {
    return rest;
  }

  public Path savepointDir() {
    return layout.savepointDir;
  }

  public Path logDir() {
    return layout.logDir;
  }

  /** Waits until exactly {@code expected} TaskManagers are registered with the JobManager. */
  public void awaitRegisteredTaskManagers(int expected) throws Exception {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      assertAlive();
      try {
        List<String> registered = rest.taskManagerIds();
        if (registered.size() == expected && registered.containsAll(taskManagers.keySet())) {
          return;
        }
        last = "registered: " + registered;
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(
        "the cluster did not get "
            + expected
            + " TaskManagers within "
            + STARTUP_TIMEOUT
            + " ("
            + last
            + "); logs in "
            + layout.logDir);
  }

  private void assertAlive() {
    if (!jobManager.isAlive()) {
      throw new IllegalStateException("the JobManager died; see " + layout.logDir);
    }
    for (FlinkProcess tm : taskManagers.values()) {
      if (!tm.isAlive()) {
        throw new IllegalStateException(tm + " died; see " + layout.logDir);
      }
    }
  }

  /** Stops the TaskManagers, then the JobManager; each by PID, SIGKILL if SIGTERM is not enough. */
  @Override
  public void close() throws InterruptedException {
    for (FlinkProcess tm : taskManagers.values()) {
      tm.stop(Duration.ofSeconds(10));
    }
    taskManagers.clear();
    jobManager.stop(Duration.ofSeconds(10));
  }
}
