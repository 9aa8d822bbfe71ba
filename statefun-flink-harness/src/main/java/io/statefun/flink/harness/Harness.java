package io.statefun.flink.harness;

import io.statefun.flink.core.config.StatefulFunctionsConfig;
import io.statefun.flink.core.translation.StatefulFunctionsPipeline;
import io.statefun.flink.core.universe.BindingOverride;
import io.statefun.flink.core.universe.ModuleSet;
import io.statefun.flink.harness.io.ConsumingSink;
import io.statefun.flink.harness.io.GeneratorSource;
import io.statefun.flink.harness.io.SerializableConsumer;
import io.statefun.flink.harness.io.SerializableGenerator;
import io.statefun.flink.harness.io.SerializableSupplier;
import io.statefun.flink.io.SinkEgressSpec;
import io.statefun.flink.io.SourceIngressSpec;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs statefun modules on an in-process Flink MiniCluster: for tests, examples and trying things
 * out. Ingresses can be fed from a supplier or a deterministic generator, egresses can hand records
 * to a consumer; everything else (modules, configuration, state backend, checkpoints, savepoints)
 * is the same as on a cluster.
 *
 * <pre>{@code
 * // modules listed in META-INF/services are found by the ServiceLoader
 * new Harness()
 *     .withSupplyingIngress(GreeterIO.NAMES, () -> "Alice", 10)
 *     .withConsumingEgress(GreeterIO.GREETINGS, greeting -> System.out.println(greeting))
 *     .run(Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>Suppliers, generators and consumers are serialized into the job: use lambdas that capture
 * nothing (or only serializable values) and reach shared collections through static fields; a bound
 * method reference such as {@code queue::add} serializes a copy of {@code queue}.
 *
 * <p>Ingresses are unbounded, so a job runs until it is cancelled, stopped with a savepoint, or
 * fails; {@link #startAsync()} returns the handle to do that.
 */
@PublicEvolving
public final class Harness {
  /** Managed memory for the local task manager; RocksDB is starved with Flink's local default. */
  static final String DEFAULT_MANAGED_MEMORY = "256m";

  private final Configuration flinkConfig = new Configuration();
  private final List<StatefulFunctionModule> modules = new ArrayList<>();
  private final List<BindingOverride> overrides = new ArrayList<>();
  private boolean serviceLoaderModules = true;
  private int parallelism = 1;
  private Duration checkpointInterval;
  private String stateBackend = "hashmap";
  private String restorePath;

  public Harness withParallelism(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
    }
    this.parallelism = parallelism;
    return this;
  }

  /** Any Flink or {@code statefun.*} option. */
  public Harness withConfiguration(String key, String value) {
    flinkConfig.setString(key, value);
    return this;
  }

  /** Exactly-once checkpoints at this interval; none unless set. */
  public Harness withCheckpointInterval(Duration interval) {
    this.checkpointInterval = interval;
    return this;
  }

  /** {@code hashmap} (the default) or {@code rocksdb}. */
  public Harness withStateBackend(String backend) {
    if (!backend.equals("hashmap") && !backend.equals("rocksdb")) {
      throw new IllegalArgumentException(
          "state backend must be 'hashmap' or 'rocksdb', but was '" + backend + "'");
    }
    this.stateBackend = backend;
    return this;
  }

  /** Adds a module programmatically; it must be serializable. */
  public Harness withModule(StatefulFunctionModule module) {
    modules.add(module);
    return this;
  }

  /** Whether to also load the modules the {@link java.util.ServiceLoader} finds (default yes). */
  public Harness withServiceLoaderModules(boolean enabled) {
    this.serviceLoaderModules = enabled;
    return this;
  }

  /** Feeds {@code ingress} from {@code supplier}, as fast as the job takes records. */
  public <T> Harness withSupplyingIngress(
      IngressIdentifier<T> ingress, SerializableSupplier<T> supplier) {
    return withSupplyingIngress(ingress, supplier, 0);
  }

  /** Feeds {@code ingress} from {@code supplier} at about {@code recordsPerSecond}. */
  public <T> Harness withSupplyingIngress(
      IngressIdentifier<T> ingress, SerializableSupplier<T> supplier, double recordsPerSecond) {
    return withGeneratedIngress(ingress, Long.MAX_VALUE, index -> supplier.get(), recordsPerSecond);
  }

  /**
   * Feeds {@code ingress} with {@code generator(0) … generator(count - 1)}. Replayable: after a
   * failure, records are regenerated from the last checkpoint, so {@code generator} must be
   * deterministic. The ingress stays open after the last record.
   */
  public <T> Harness withGeneratedIngress(
      IngressIdentifier<T> ingress, long count, SerializableGenerator<T> generator) {
    return withGeneratedIngress(ingress, count, generator, 0);
  }

  /** Like {@link #withGeneratedIngress(IngressIdentifier, long, SerializableGenerator)}, paced. */
  public <T> Harness withGeneratedIngress(
      IngressIdentifier<T> ingress,
      long count,
      SerializableGenerator<T> generator,
      double recordsPerSecond) {
    GeneratorSource<T> source = new GeneratorSource<>(generator, count, recordsPerSecond);
    overrides.add(
        binder ->
            binder.overrideIngress(
                new SourceIngressSpec<>(ingress, source, WatermarkStrategy.noWatermarks())));
    return this;
  }

  /** Hands every record sent to {@code egress} to {@code consumer}. */
  public <T> Harness withConsumingEgress(
      EgressIdentifier<T> egress, SerializableConsumer<T> consumer) {
    overrides.add(
        binder ->
            binder.overrideEgress(new SinkEgressSpec<>(egress, new ConsumingSink<>(consumer))));
    return this;
  }

  /** Prints every record sent to {@code egress} to standard out. */
  public <T> Harness withPrintingEgress(EgressIdentifier<T> egress) {
    return withConsumingEgress(egress, record -> System.out.println(record));
  }

  /** Restores the job from a savepoint or retained checkpoint. */
  public Harness withSavepoint(String path) {
    this.restorePath = path;
    return this;
  }

  /** Runs the job and blocks until it ends (it ends only by failing or being cancelled). */
  public void start() throws Exception {
    try (HarnessJob job = startAsync()) {
      job.awaitTermination();
    }
  }

  /**
   * Runs the job for {@code duration}, then cancels it; rethrows if the job failed meanwhile.
   * Returns who messaged whom during the run.
   */
  public CallGraph run(Duration duration) throws Exception {
    try (HarnessJob job = startAsync()) {
      job.awaitTermination(duration);
      return job.callGraph();
    }
  }

  /** Submits the job to a new local MiniCluster and returns its handle. */
  public HarnessJob startAsync() throws Exception {
    Configuration config = effectiveConfiguration();
    CallGraphReporter callGraph = new CallGraphReporter();
    callGraph.addTo(config);
    try {
      return new HarnessJob(submit(config), callGraph);
    } finally {
      callGraph.started();
    }
  }

  private JobClient submit(Configuration config) throws Exception {
    StatefulFunctionsConfig statefun =
        StatefulFunctionsConfig.fromFlinkConfiguration(
            config, Thread.currentThread().getContextClassLoader());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
    ModuleSet moduleSet = ModuleSet.of(serviceLoaderModules, modules, statefun.globalConfig());
    for (BindingOverride override : overrides) {
      moduleSet = moduleSet.withOverride(override);
    }
    StatefulFunctionsPipeline.build(env, statefun, moduleSet, List.of());
    return env.executeAsync(statefun.jobName());
  }

  /** The Flink configuration this harness runs its job with (also for raw-Flink baselines). */
  public Configuration effectiveConfiguration() throws IOException {
    Configuration config = new Configuration();
    config.setString("parallelism.default", Integer.toString(parallelism));
    config.setString("state.backend.type", stateBackend);
    config.setString("taskmanager.memory.managed.size", DEFAULT_MANAGED_MEMORY);
    config.setString("restart-strategy.type", "none");
    config.setString("rest.bind-port", "0");
    Path checkpoints = Files.createTempDirectory("statefun-harness-checkpoints");
    config.setString("execution.checkpointing.dir", checkpoints.toUri().toString());
    if (checkpointInterval != null) {
      config.setString("execution.checkpointing.interval", checkpointInterval.toMillis() + " ms");
      config.setString("execution.checkpointing.mode", "EXACTLY_ONCE");
    }
    if (restorePath != null) {
      config.setString("execution.state-recovery.path", restorePath);
    }
    config.addAll(flinkConfig);
    return config;
  }
}
