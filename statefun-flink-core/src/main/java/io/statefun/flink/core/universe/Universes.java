package io.statefun.flink.core.universe;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The universe of each running pipeline in this JVM, so that modules are configured once per JVM
 * per job rather than once per task. Keyed by the pipeline id chosen when the job was built: the
 * client JVM registers the universe it built; a task manager JVM builds its own on first use.
 */
public final class Universes {
  private static final ConcurrentHashMap<String, StatefulFunctionsUniverse> BY_PIPELINE =
      new ConcurrentHashMap<>();

  private Universes() {}

  public static void register(String pipelineId, StatefulFunctionsUniverse universe) {
    BY_PIPELINE.put(pipelineId, universe);
  }

  public static StatefulFunctionsUniverse get(
      String pipelineId, Supplier<StatefulFunctionsUniverse> build) {
    return BY_PIPELINE.computeIfAbsent(pipelineId, id -> build.get());
  }

  /** Drops a pipeline's universe, once its job is over. */
  public static void release(String pipelineId) {
    BY_PIPELINE.remove(pipelineId);
  }
}
