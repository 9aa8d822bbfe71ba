package io.statefun.e2e.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One JVM of the cluster (the JobManager or a TaskManager), started by {@link FlinkCluster}. Its
 * standard output and error go to {@code <name>.out}; Flink's own log to {@code <name>.log}.
 */
public final class FlinkProcess {
  private final String name;
  private final Process process;
  private final Path logFile;

  private FlinkProcess(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
  }

  static FlinkProcess start(String name, List<String> command, Path logDir) throws IOException {
    Path out = logDir.resolve(name + ".out");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    StartedProcesses.register(process);
    return new FlinkProcess(name, process, logDir.resolve(name + ".log"));
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public Path logFile() {
    return logFile;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: the process gets no chance to clean up, as when a machine dies. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
    StartedProcesses.forget(process);
  }

  /** SIGTERM, then SIGKILL if it has not ended after {@code grace}. */
  public void stop(Duration grace) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
    StartedProcesses.forget(process);
  }

  @Override
  public String toString() {
    return name + " (pid " + pid() + ")";
  }
}
