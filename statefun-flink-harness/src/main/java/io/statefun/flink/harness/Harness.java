package io.statefun.flink.harness;

import io.statefun.flink.core.config.StatefulFunctionsConfig;
import io.statefun.flink.core.config.StatefulFunctionsOptions;
import io.statefun.flink.core.translation.StatefulFunctionsPipeline;
import io.statefun.flink.core.universe.BindingOverride;
import io.statefun.flink.core.universe.ModuleSet;
import io.statefun.flink.harness.chaos.Fault;
import io.statefun.flink.harness.chaos.FaultPlan;
import io.statefun.flink.harness.chaos.FeedbackFaults;
import io.statefun.flink.harness.chaos.InstrumentedModule;
import io.statefun.flink.harness.io.ConsumingSink;
import io.statefun.flink.harness.io.GeneratorSource;
import io.statefun.flink.harness.io.SerializableConsumer;
import io.statefun.flink.harness.io.SerializableGenerator;
import io.statefun.flink.harness.io.SerializableSupplier;
import io.statefun.flink.harness.observe.CollectingEgressSink;
import io.statefun.flink.harness.observe.HarnessMetricReporterFactory;
import io.statefun.flink.harness.observe.HarnessRun;
import io.statefun.flink.harness.observe.HarnessRuns;
import io.statefun.flink.harness.observe.Quiescence;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

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
  private Path scratchDirectory;
  private final List<Fault> faults = new ArrayList<>();
  private final List<EgressIdentifier<?>> collectedEgresses = new ArrayList<>();
  private Integer restartAttempts;
  private boolean strictSerialization = true;

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

  /**
   * Whether messages to addresses of the same subtask are serialized and read back as messages
   * between subtasks are (default yes), so a payload that would fail on a cluster fails here too,
   * at its send, at any parallelism. Turn it off for speed (benchmarks do): a cluster does not
   * serialize local messages either. Sets {@code statefun.local.serialize}.
   */
  public Harness withStrictSerialization(boolean enabled) {
    this.strictSerialization = enabled;
    return this;
  }

  /**
   * Hands {@code key} with {@code value} to every module's {@code configure} (as a {@code
   * statefun.module.global-config.<key>} entry would).
   */
  public Harness withGlobalConfiguration(String key, String value) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("a global configuration key must not be null or empty");
    }
    flinkConfig.setString(StatefulFunctionsOptions.MODULE_GLOBAL_CONFIG_PREFIX + key, value);
    return this;
  }

  /** Serializes message payloads with Kryo ({@code statefun.message.serializer: kryo}). */
  public Harness withKryoMessageSerializer() {
    flinkConfig.set(StatefulFunctionsOptions.MESSAGE_SERIALIZER, "kryo");
    return this;
  }

  /** The name of the Flink job ({@code statefun.flink-job-name}). */
  public Harness withFlinkJobName(String name) {
    flinkConfig.set(StatefulFunctionsOptions.FLINK_JOB_NAME, name);
    return this;
  }

  /**
   * Exactly-once checkpoints at this interval; none unless set. Set it for a job you take
   * savepoints of: without an interval statefun refuses them, because Flink would take them
   * at-least-once (see {@link HarnessJob#stopWithSavepoint(String)}).
   */
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

  /**
   * Like {@link #withGeneratedIngress(IngressIdentifier, long, SerializableGenerator)}, with the
   * records' type information (for record types Flink cannot derive from the identifier's class,
   * such as generic ones).
   */
  public <T> Harness withGeneratedIngress(
      IngressIdentifier<T> ingress,
      long count,
      SerializableGenerator<T> generator,
      TypeInformation<T> recordType) {
    GeneratorSource<T> source = new GeneratorSource<>(generator, count, 0);
    return withFlinkSource(ingress, source, recordType);
  }

  /**
   * Feeds {@code ingress} from any Flink (FLIP-27) {@link Source}, with record type information
   * derived from the identifier's class. Keep it unbounded: when a bounded source ends, the job
   * finishes and messages still travelling between functions are lost.
   */
  public <T> Harness withFlinkSource(IngressIdentifier<T> ingress, Source<T, ?, ?> source) {
    return withFlinkSource(ingress, source, null);
  }

  /**
   * Feeds {@code ingress} from any Flink (FLIP-27) {@link Source} producing records of {@code
   * recordType} (null: derived from the identifier's class).
   */
  public <T> Harness withFlinkSource(
      IngressIdentifier<T> ingress, Source<T, ?, ?> source, TypeInformation<T> recordType) {
    // The override travels to the tasks: it captures the (serializable) parts, not the spec.
    overrides.add(
        binder ->
            binder.overrideIngress(
                new SourceIngressSpec<>(
                    ingress, source, WatermarkStrategy.noWatermarks(), recordType)));
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

  /** The same as {@link #withSavepoint(String)}. */
  public Harness withSavepointLocation(String path) {
    return withSavepoint(path);
  }

  /**
   * Collects every record sent to {@code egress}, exactly once per completed checkpoint; read them
   * from {@link HarnessJob#egress}. The collector also sees what failed attempts wrote, so a test
   * can tell a replay (discarded) from a duplicate effect (committed twice).
   */
  public <T> Harness withCollectingEgress(EgressIdentifier<T> egress) {
    if (egress == null) {
      throw new IllegalArgumentException("egress identifier must not be null");
    }
    collectedEgresses.add(egress);
    return this;
  }

  /**
   * Injects {@code fault} once into the job. Unless a restart strategy is configured (see {@link
   * #withRestarts}), the job restarts as many times as it has faults, and fails on any other
   * failure.
   */
  public Harness withFault(Fault fault) {
    if (fault == null) {
      throw new IllegalArgumentException("fault must not be null");
    }
    faults.add(fault);
    return this;
  }

  /**
   * Lets the job restart from its last checkpoint up to {@code attempts} times (fixed delay of 100
   * ms); the harness default is no restart.
   */
  public Harness withRestarts(int attempts) {
    if (attempts < 0) {
      throw new IllegalArgumentException("restart attempts must not be negative: " + attempts);
    }
    this.restartAttempts = attempts;
    return this;
  }

  /**
   * Where the harness makes the checkpoint directory of a job that is given none (default: {@code
   * java.io.tmpdir}). That directory is deleted when the job ends; configure {@code
   * execution.checkpointing.dir} to keep checkpoints.
   */
  public Harness withScratchDirectory(Path directory) {
    this.scratchDirectory = directory;
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
    HarnessRun run = new HarnessRun(new FaultPlan(faults));
    HarnessRuns.register(run);
    Path ownCheckpoints = null;
    try {
      ownCheckpoints = checkpointDirectoryGiven() ? null : newCheckpointDirectory();
      Configuration config = configuration(ownCheckpoints);
      HarnessMetricReporterFactory.configuration(run.id()).forEach(config::setString);
      return startAsync(config, ownCheckpoints, run);
    } catch (Exception | Error e) {
      HarnessRuns.remove(run.id());
      ScratchFiles.delete(ownCheckpoints);
      throw e;
    }
  }

  private HarnessJob startAsync(Configuration config, Path ownCheckpoints, HarnessRun run)
      throws Exception {
    StatefulFunctionsConfig statefun =
        StatefulFunctionsConfig.fromFlinkConfiguration(
            config, Thread.currentThread().getContextClassLoader());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
    ModuleSet moduleSet = moduleSet(run, statefun.globalConfig());
    for (BindingOverride override : overrides) {
      moduleSet = moduleSet.withOverride(override);
    }
    for (EgressIdentifier<?> egress : collectedEgresses) {
      moduleSet = moduleSet.withOverride(collecting(run, egress));
    }
    StatefulFunctionsPipeline.build(
        env,
        statefun,
        moduleSet,
        List.of(),
        null,
        run.faults().hasFeedbackFaults() ? new FeedbackFaults(run.id()) : null);
    StreamGraph graph = env.getStreamGraph();
    graph.setJobName(statefun.jobName());
    Quiescence.Shape shape = shapeOf(graph, env.getParallelism());
    JobClient client = env.executeAsync(graph);
    return new HarnessJob(client, ownCheckpoints, run, shape);
  }

  /**
   * How many subtasks (tasks times parallelism) the job runs, how many of them are ingress sources
   * and how many run the functions; quiescence waits for all of them.
   */
  private static Quiescence.Shape shapeOf(StreamGraph graph, int defaultParallelism) {
    int subtasks = 0;
    int sources = 0;
    int functions = 0;
    for (JobVertex vertex : graph.getJobGraph().getVertices()) {
      int parallelism = vertex.getParallelism() > 0 ? vertex.getParallelism() : defaultParallelism;
      subtasks += parallelism;
      if (vertex.isInputVertex()) {
        sources += parallelism;
      }
      if (vertex.getName().contains(Quiescence.FUNCTIONS)) {
        functions += parallelism;
      }
    }
    return new Quiescence.Shape(subtasks, sources, functions);
  }

  /**
   * The job's modules. When the kit is in use (faults or collecting egresses), each is wrapped so
   * that its functions and routers inject the faults and its functions count their invocations.
   */
  private ModuleSet moduleSet(HarnessRun run, Map<String, String> globalConfig) {
    if (faults.isEmpty() && collectedEgresses.isEmpty()) {
      return ModuleSet.of(serviceLoaderModules, modules, globalConfig);
    }
    List<StatefulFunctionModule> wrapped = new ArrayList<>();
    if (serviceLoaderModules) {
      List<StatefulFunctionModule> found = new ArrayList<>();
      ServiceLoader.load(
              StatefulFunctionModule.class, Thread.currentThread().getContextClassLoader())
          .forEach(found::add);
      found.sort(Comparator.comparing(m -> m.getClass().getName())); // as ModuleSet orders them
      found.forEach(m -> wrapped.add(InstrumentedModule.wrapServiceLoaded(run.id(), m)));
    }
    modules.forEach(m -> wrapped.add(InstrumentedModule.wrap(run.id(), m)));
    return ModuleSet.of(false, wrapped, globalConfig);
  }

  private static <T> BindingOverride collecting(HarnessRun run, EgressIdentifier<T> egress) {
    run.collector(egress); // exists from the start, so the job handle can hand it out at once
    String runId = run.id();
    return binder ->
        binder.overrideEgress(
            new SinkEgressSpec<>(egress, new CollectingEgressSink<>(runId, egress)));
  }

  /**
   * The Flink configuration this harness runs its job with (also for raw-Flink baselines). If no
   * checkpoint directory is configured, it names a new temporary one, which the caller deletes.
   */
  public Configuration effectiveConfiguration() throws IOException {
    return configuration(checkpointDirectoryGiven() ? null : newCheckpointDirectory());
  }

  private boolean checkpointDirectoryGiven() {
    return flinkConfig.containsKey("execution.checkpointing.dir");
  }

  private Path newCheckpointDirectory() throws IOException {
    return scratchDirectory == null
        ? Files.createTempDirectory("statefun-harness-checkpoints")
        : Files.createTempDirectory(scratchDirectory, "statefun-harness-checkpoints");
  }

  private Configuration configuration(Path defaultCheckpoints) {
    Configuration config = new Configuration();
    config.setString("parallelism.default", Integer.toString(parallelism));
    config.setString("state.backend.type", stateBackend);
    config.setString("taskmanager.memory.managed.size", DEFAULT_MANAGED_MEMORY);
    int restarts = restartAttempts != null ? restartAttempts : faults.size();
    if (restarts == 0) {
      config.setString("restart-strategy.type", "none");
    } else {
      config.setString("restart-strategy.type", "fixed-delay");
      config.setString("restart-strategy.fixed-delay.attempts", Integer.toString(restarts));
      config.setString("restart-strategy.fixed-delay.delay", "100 ms");
    }
    config.setString("rest.bind-port", "0");
    config.setString("statefun.local.serialize", Boolean.toString(strictSerialization));
    if (defaultCheckpoints != null) {
      config.setString("execution.checkpointing.dir", defaultCheckpoints.toUri().toString());
    }
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
