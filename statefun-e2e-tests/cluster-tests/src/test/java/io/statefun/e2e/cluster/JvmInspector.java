package io.statefun.e2e.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Looks inside a running JVM of the cluster with {@code jcmd}, by PID: which objects are still
 * reachable after a full GC and which threads exist. That is how a test sees what a job left behind
 * on a TaskManager after it ended (a class loader kept alive by a static registry or a thread keeps
 * every object its classes reach alive too).
 */
public final class JvmInspector {
  private JvmInspector() {}

  /**
   * Live instances per class whose name starts with {@code prefix}. {@code GC.class_histogram} runs
   * a full GC first, so only reachable objects count; one entry per loaded class, so two class
   * loaders holding the same class give two entries (summed here).
   */
  public static Map<String, Long> liveInstances(long pid, String prefix)
      throws IOException, InterruptedException {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String line : jcmd(pid, "GC.class_histogram")) {
      // "   1:        12345        678901  java.lang.String (java.base@17)"
      String[] fields = line.trim().split("\\s+");
      if (fields.length >= 4 && fields[0].endsWith(":") && fields[3].startsWith(prefix)) {
        counts.merge(fields[3], Long.parseLong(fields[1]), Long::sum);
      }
    }
    return counts;
  }

  /** The names of the JVM's threads. */
  public static List<String> threadNames(long pid) throws IOException, InterruptedException {
    List<String> names = new ArrayList<>();
    for (String line : jcmd(pid, "Thread.print")) {
      if (line.startsWith("\"")) {
        names.add(line.substring(1, line.indexOf('"', 1)));
      }
    }
    return names;
  }

  /** Writes a heap dump of the live objects to {@code file}. */
  public static void heapDump(long pid, java.nio.file.Path file)
      throws IOException, InterruptedException {
    jcmd(pid, "GC.heap_dump", file.toString());
  }

  private static List<String> jcmd(long pid, String... command)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    cmd.add(String.valueOf(pid));
    cmd.addAll(List.of(command));
    Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IOException(cmd + " failed: " + output);
    }
    return List.of(output.split("\n"));
  }
}
