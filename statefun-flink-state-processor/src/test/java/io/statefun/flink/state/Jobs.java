package io.statefun.flink.state;

import io.statefun.flink.harness.Harness;
import io.statefun.flink.state.bootstrap.SavepointBootstrap;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The harness and the local environments the tests run their jobs in. */
final class Jobs {
  static final int PARALLELISM = 2;
  static final int MAX_PARALLELISM = SavepointBootstrap.defaultMaxParallelism(PARALLELISM);

  static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(1);

  private Jobs() {}

  /**
   * The workload's job at parallelism 2, everything bound to 127.0.0.1, with periodic checkpoints:
   * only then does Flink align barriers, savepoints included, so statefun takes savepoints only of
   * such jobs (see BarrierAlignment in statefun-flink-core).
   */
  static Harness harness(String backend) {
    return harness(backend, new Workload.Module());
  }

  static Harness harness(String backend, Workload.Module module) {
    Harness harness =
        new Harness()
            .withParallelism(PARALLELISM)
            .withStateBackend(backend)
            .withCheckpointInterval(CHECKPOINT_INTERVAL)
            .withServiceLoaderModules(false)
            .withModule(module)
            .withConsumingEgress(Workload.OUT, record -> Workload.OUTPUT.add(record));
    localOnly().toMap().forEach(harness::withConfiguration);
    return harness;
  }

  /** A local environment for one State Processor API read or write. */
  static StreamExecutionEnvironment env() {
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(localOnly());
    env.setParallelism(PARALLELISM);
    return env;
  }

  static FunctionProviders functions() {
    return FunctionProviders.of(new Workload.Module());
  }

  static Configuration localOnly() {
    Configuration config = new Configuration();
    for (String key :
        List.of(
            "rest.bind-address",
            "rest.address",
            "jobmanager.bind-host",
            "taskmanager.bind-host",
            "taskmanager.host")) {
      config.setString(key, "127.0.0.1");
    }
    config.setString("rest.bind-port", "0");
    return config;
  }
}
