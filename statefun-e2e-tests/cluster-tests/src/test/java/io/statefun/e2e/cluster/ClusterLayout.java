package io.statefun.e2e.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The directories and the {@code conf/} of one standalone cluster, all under one work directory:
 * {@code conf/} (config.yaml, log4j2), {@code log/}, {@code tmp/} (java.io.tmpdir and Flink's
 * io.tmp.dirs), {@code blobs/}, {@code web/} (uploaded jars), {@code checkpoints/} and {@code
 * savepoints/}.
 */
final class ClusterLayout {
  static final String HOST = "127.0.0.1";

  /** Below Linux's default ephemeral range (32768-60999) and above the usual services. */
  private static final int FIRST_PORT = 20_000;

  private static final int PORTS = 12_000;

  final Path workDir;
  final Path confDir;
  final Path logDir;
  final Path tmpDir;
  final Path checkpointDir;
  final Path savepointDir;
  final int restPort;
  final int rpcPort;

  private ClusterLayout(Path workDir, int restPort, int rpcPort) {
    this.workDir = workDir;
    this.confDir = workDir.resolve("conf");
    this.logDir = workDir.resolve("log");
    this.tmpDir = workDir.resolve("tmp");
    this.checkpointDir = workDir.resolve("checkpoints");
    this.savepointDir = workDir.resolve("savepoints");
    this.restPort = restPort;
    this.rpcPort = rpcPort;
  }

  static ClusterLayout create(Path workDir, int slotsPerTaskManager, Map<String, String> extra)
      throws IOException {
    int restPort = freePort(-1);
    ClusterLayout layout = new ClusterLayout(workDir, restPort, freePort(restPort));
    for (Path dir :
        new Path[] {
          layout.confDir,
          layout.logDir,
          layout.tmpDir,
          layout.checkpointDir,
          layout.savepointDir,
          workDir.resolve("blobs"),
          workDir.resolve("web")
        }) {
      Files.createDirectories(dir);
    }
    Map<String, String> config = layout.configuration(slotsPerTaskManager);
    config.putAll(extra);
    StringBuilder yaml = new StringBuilder();
    config.forEach((key, value) -> yaml.append(key).append(": ").append(value).append('\n'));
    Files.writeString(layout.confDir.resolve("config.yaml"), yaml);
    Files.writeString(layout.confDir.resolve("log4j2.properties"), LOG4J2);
    return layout;
  }

  /**
   * Everything on 127.0.0.1, small memory (a 2-core machine shared with other builds), short
   * heartbeats so that a killed TaskManager is noticed in seconds, and enough restart attempts to
   * outlast the first one, which may still be sent to the dead TaskManager.
   */
  private Map<String, String> configuration(int slotsPerTaskManager) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("jobmanager.rpc.address", HOST);
    c.put("jobmanager.rpc.port", String.valueOf(rpcPort));
    c.put("jobmanager.bind-host", HOST);
    c.put("rest.address", HOST);
    c.put("rest.bind-address", HOST);
    c.put("rest.port", String.valueOf(restPort));
    c.put("taskmanager.host", HOST);
    c.put("taskmanager.bind-host", HOST);
    c.put("taskmanager.numberOfTaskSlots", String.valueOf(slotsPerTaskManager));
    c.put("taskmanager.load-balance.mode", "SLOTS");

    c.put("jobmanager.memory.process.size", "768m");
    c.put("taskmanager.memory.framework.heap.size", "64m");
    c.put("taskmanager.memory.task.heap.size", "256m");
    c.put("taskmanager.memory.managed.size", "64m");
    c.put("taskmanager.memory.framework.off-heap.size", "64m");
    c.put("taskmanager.memory.task.off-heap.size", "0m");
    c.put("taskmanager.memory.network.min", "32m");
    c.put("taskmanager.memory.network.max", "32m");
    c.put("taskmanager.memory.jvm-metaspace.size", "192m");
    c.put("taskmanager.memory.jvm-overhead.min", "96m");
    c.put("taskmanager.memory.jvm-overhead.max", "96m");

    c.put("io.tmp.dirs", tmpDir.toString());
    c.put("blob.storage.directory", workDir.resolve("blobs").toString());
    c.put("web.tmpdir", workDir.resolve("web").toString());
    c.put("web.upload.dir", workDir.resolve("web").toString());
    c.put("state.backend.type", "hashmap");
    c.put("execution.checkpointing.dir", checkpointDir.toUri().toString());
    c.put("execution.checkpointing.savepoint-dir", savepointDir.toUri().toString());
    c.put("execution.checkpointing.interval", "1s");

    c.put("heartbeat.interval", "2000");
    c.put("heartbeat.timeout", "10000");
    c.put("restart-strategy.type", "fixed-delay");
    c.put("restart-strategy.fixed-delay.attempts", "10");
    c.put("restart-strategy.fixed-delay.delay", "2s");
    return c;
  }

  /**
   * A port that is free now, other than {@code other}. The JobManager binds it seconds later, in
   * another process; so it comes from below the system's ephemeral range, where the outgoing
   * connections of every process on the machine (other builds included) take their ports, and where
   * a port free now is thus far less likely to be taken meanwhile.
   */
  private static int freePort(int other) {
    for (int attempt = 0; attempt < 1_000; attempt++) {
      int port = FIRST_PORT + ThreadLocalRandom.current().nextInt(PORTS);
      if (port == other) {
        continue;
      }
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
        return socket.getLocalPort();
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IllegalStateException(
        "no free port on " + HOST + " in " + FIRST_PORT + "-" + (FIRST_PORT + PORTS - 1));
  }

  private static final String LOG4J2 =
      String.join(
          "\n",
          "rootLogger.level = INFO",
          "rootLogger.appenderRef.file.ref = file",
          "appender.file.type = File",
          "appender.file.name = file",
          "appender.file.fileName = ${sys:log.file}",
          "appender.file.layout.type = PatternLayout",
          "appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %-60c %x - %m%n",
          "logger.pekko.name = org.apache.pekko",
          "logger.pekko.level = WARN",
          "logger.kafka.name = org.apache.kafka",
          "logger.kafka.level = WARN",
          "");
}
