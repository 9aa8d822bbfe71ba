package io.statefun.e2e.cluster;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every process the tests started and have not stopped yet, so that a shutdown hook can kill them
 * when the test JVM ends abnormally (a failed {@code @AfterAll} or an interrupted build must not
 * leave Flink JVMs behind).
 */
final class StartedProcesses {
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> RUNNING.forEach(Process::destroyForcibly), "kill-started-flink-processes"));
  }

  private StartedProcesses() {}

  static void register(Process process) {
    RUNNING.add(process);
  }

  static void forget(Process process) {
    RUNNING.remove(process);
  }
}
