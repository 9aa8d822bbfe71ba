package io.statefun.flink.harness.it;

import static io.statefun.flink.harness.it.ItSupport.causeMessages;
import static io.statefun.flink.harness.it.ItSupport.subtaskOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.statefun.flink.harness.Harness;
import io.statefun.flink.harness.HarnessJob;
import io.statefun.sdk.Address;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Failures surface with messages that say what went wrong and where: failures while the job runs
 * end it (the harness runs without restarts) and are thrown by {@link HarnessJob#awaitTermination};
 * binding errors are thrown by {@link Harness#startAsync()} before anything runs.
 */
class ErrorsTest {
  static final String NS = "it-errors";
  static final IngressIdentifier<Integer> INPUT =
      new IngressIdentifier<>(Integer.class, NS, "input");
  static final IngressIdentifier<byte[]> BYTES = new IngressIdentifier<>(byte[].class, NS, "bytes");
  static final IngressIdentifier<Integer> GHOST =
      new IngressIdentifier<>(Integer.class, NS, "ghost");
  static final IngressIdentifier<Integer> ORPHAN =
      new IngressIdentifier<>(Integer.class, NS, "orphan");

  static final FunctionType THROWER = new FunctionType(NS, "thrower");
  static final FunctionType FORWARDER = new FunctionType(NS, "forwarder");
  static final FunctionType NOBODY = new FunctionType(NS, "nobody");
  static final FunctionType SENDER = new FunctionType(NS, "sender");
  static final FunctionType RECEIVER = new FunctionType(NS, "receiver");
  static final FunctionType DUPLICATE = new FunctionType(NS, "duplicate");

  static final Duration JOB_TIMEOUT = Duration.ofSeconds(120);

  /** The input the thrower fails on. */
  record Boom(int n) {}

  /** A payload Kryo cannot serialize: it holds a {@link Logger}, which Kryo cannot reflect on. */
  static final class HoldsLogger {
    final Logger logger = Logger.getLogger(ErrorsTest.class.getName());
  }

  static final class ThrowerFn implements StatefulFunction {
    @Override
    public void invoke(Context context, Object input) {
      Boom boom = (Boom) input;
      if (boom.n() == 2) {
        throw new IllegalStateException("boom at " + boom.n());
      }
    }
  }

  static final class ForwarderFn implements StatefulFunction {
    @Override
    public void invoke(Context context, Object input) {
      context.send(NOBODY, "n-" + input, "hello");
    }
  }

  /** The sender of the unserializable payload and the address it goes to, on another subtask. */
  static final Address UNSERIALIZABLE_SENDER = new Address(SENDER, "s-0");

  static final Address REMOTE_RECEIVER =
      new Address(
          RECEIVER, ItSupport.idWhere(RECEIVER, "r", s -> s != subtaskOf(UNSERIALIZABLE_SENDER)));

  static final class SenderFn implements StatefulFunction {
    private final Object payload;

    SenderFn(boolean raw) {
      this.payload = raw ? "a string, not bytes" : null;
    }

    @Override
    public void invoke(Context context, Object input) {
      context.send(REMOTE_RECEIVER, payload != null ? payload : new HoldsLogger());
    }
  }

  static final class NoOpFn implements StatefulFunction {
    @Override
    public void invoke(Context context, Object input) {}
  }

  /** What the jobs below run; {@code kind} selects the scenario. */
  static final class Module implements StatefulFunctionModule, Serializable {
    private static final long serialVersionUID = 1L;
    private final String kind;

    Module(String kind) {
      this.kind = kind;
    }

    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      switch (kind) {
        case "thrower" -> {
          binder.bindIngressRouter(
              INPUT, (n, downstream) -> downstream.forward(THROWER, "victim-" + n, new Boom(n)));
          binder.bindFunctionProvider(THROWER, type -> new ThrowerFn());
        }
        case "unbound" -> {
          binder.bindIngressRouter(
              INPUT, (n, downstream) -> downstream.forward(FORWARDER, "f-" + n, n));
          binder.bindFunctionProvider(FORWARDER, type -> new ForwarderFn());
        }
        case "kryo", "raw" -> {
          binder.bindIngressRouter(
              BYTES,
              (bytes, downstream) ->
                  downstream.forward(UNSERIALIZABLE_SENDER, new byte[] {bytes[0]}));
          binder.bindFunctionProvider(SENDER, type -> new SenderFn(kind.equals("raw")));
          binder.bindFunctionProvider(RECEIVER, type -> new NoOpFn());
        }
        default -> throw new IllegalArgumentException(kind);
      }
    }
  }

  /** Binds {@link #DUPLICATE}. */
  static final class FirstDuplicateModule implements StatefulFunctionModule, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      binder.bindIngressRouter(
          INPUT, (n, downstream) -> downstream.forward(DUPLICATE, "d-" + n, n));
      binder.bindFunctionProvider(DUPLICATE, type -> new NoOpFn());
    }
  }

  /** Binds {@link #DUPLICATE} too. */
  static final class SecondDuplicateModule implements StatefulFunctionModule, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      binder.bindFunctionProvider(DUPLICATE, type -> new NoOpFn());
    }
  }

  /** Routes {@link #INPUT}, but also binds a router to {@link #GHOST}, which no one binds. */
  static final class GhostRouterModule implements StatefulFunctionModule, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      binder.bindIngressRouter(INPUT, (n, downstream) -> downstream.forward(THROWER, "t", n));
      binder.bindIngressRouter(GHOST, (n, downstream) -> downstream.forward(THROWER, "t", n));
      binder.bindFunctionProvider(THROWER, type -> new NoOpFn());
    }
  }

  /** Routes {@link #INPUT} only; the test binds {@link #ORPHAN} as well. */
  static final class InputOnlyModule implements StatefulFunctionModule, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      binder.bindIngressRouter(INPUT, (n, downstream) -> downstream.forward(THROWER, "t", n));
      binder.bindFunctionProvider(THROWER, type -> new NoOpFn());
    }
  }

  // ------------------------------------------------------------------------------------------
  // Failures of a running job
  // ------------------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void aFunctionThatThrowsNamesTheFunctionTypeTheAddressAndTheInputClass(String backend)
      throws Exception {
    List<String> messages =
        jobFailure(
            ItSupport.harness(backend)
                .withModule(new Module("thrower"))
                .withGeneratedIngress(INPUT, 4, index -> (int) index));
    assertThat(messages)
        .as("cause chain")
        .anyMatch(
            m ->
                m.contains("function " + THROWER)
                    && m.contains(new Address(THROWER, "victim-2").toString())
                    && m.contains(Boom.class.getName()))
        .anyMatch(m -> m.contains("boom at 2"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void aMessageToAnUnboundFunctionTypeNamesTheType(String backend) throws Exception {
    List<String> messages =
        jobFailure(
            ItSupport.harness(backend)
                .withModule(new Module("unbound"))
                .withGeneratedIngress(INPUT, 1, index -> (int) index));
    assertThat(messages)
        .as("cause chain")
        .anyMatch(
            m ->
                m.contains("function type " + NOBODY)
                    && m.contains(new Address(NOBODY, "n-0").toString())
                    && m.contains(new Address(FORWARDER, "f-0").toString()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void aPayloadKryoCannotSerializeNamesThePayloadClassTheSenderAndTheTarget(String backend)
      throws Exception {
    assertThat(subtaskOf(REMOTE_RECEIVER)).isNotEqualTo(subtaskOf(UNSERIALIZABLE_SENDER));
    List<String> messages =
        jobFailure(
            ItSupport.harness(backend)
                .withModule(new Module("kryo"))
                .withGeneratedIngress(BYTES, 1, index -> new byte[] {(byte) index}));
    assertThat(messages)
        .as("cause chain")
        .anyMatch(
            m ->
                m.contains(HoldsLogger.class.getName())
                    && m.contains(UNSERIALIZABLE_SENDER.toString())
                    && m.contains(REMOTE_RECEIVER.toString()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void aPayloadTheRawSerializerRejectsNamesThePayloadClassTheSenderAndTheTarget(String backend)
      throws Exception {
    List<String> messages =
        jobFailure(
            ItSupport.harness(backend)
                .withConfiguration("statefun.message.serializer", "raw")
                .withModule(new Module("raw"))
                .withGeneratedIngress(BYTES, 1, index -> new byte[] {(byte) index}));
    assertThat(messages)
        .as("cause chain")
        .anyMatch(
            m ->
                m.contains(String.class.getName())
                    && m.contains(UNSERIALIZABLE_SENDER.toString())
                    && m.contains(REMOTE_RECEIVER.toString()));
  }

  // ------------------------------------------------------------------------------------------
  // Binding errors
  // ------------------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void aFunctionTypeBoundByTwoModulesFailsAtStartNamingBothModules(String backend) {
    List<String> messages =
        startFailure(
            ItSupport.harness(backend)
                .withModule(new FirstDuplicateModule())
                .withModule(new SecondDuplicateModule())
                .withGeneratedIngress(INPUT, 1, index -> (int) index));
    assertThat(messages)
        .as("cause chain")
        .anyMatch(
            m ->
                m.contains(DUPLICATE.toString())
                    && m.contains(FirstDuplicateModule.class.getName())
                    && m.contains(SecondDuplicateModule.class.getName()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void aRouterForAnUnknownIngressFailsAtStart(String backend) {
    List<String> messages =
        startFailure(
            ItSupport.harness(backend)
                .withModule(new GhostRouterModule())
                .withGeneratedIngress(INPUT, 1, index -> (int) index));
    assertThat(messages)
        .as("cause chain")
        .anyMatch(
            m ->
                m.contains("router")
                    && m.contains("ingress " + GHOST)
                    && m.contains(GhostRouterModule.class.getName()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void anIngressWithoutARouterFailsAtStart(String backend) {
    List<String> messages =
        startFailure(
            ItSupport.harness(backend)
                .withModule(new InputOnlyModule())
                .withGeneratedIngress(INPUT, 1, index -> (int) index)
                .withGeneratedIngress(ORPHAN, 1, index -> (int) index));
    assertThat(messages)
        .as("cause chain")
        .anyMatch(m -> m.contains("ingress " + ORPHAN) && m.contains("no router"));
  }

  // ------------------------------------------------------------------------------------------

  /** Starts the job, waits for it to fail, and returns the failure's cause chain. */
  private static List<String> jobFailure(Harness harness) throws Exception {
    try (HarnessJob job = harness.startAsync()) {
      try {
        job.awaitTermination(JOB_TIMEOUT);
      } catch (Exception failure) {
        return causeMessages(failure);
      }
      return fail("the job did not fail within " + JOB_TIMEOUT);
    }
  }

  /** Expects {@link Harness#startAsync()} to fail; returns the failure's cause chain. */
  private static List<String> startFailure(Harness harness) {
    HarnessJob job;
    try {
      job = harness.startAsync();
    } catch (Exception failure) {
      return causeMessages(failure);
    }
    try {
      job.cancel();
    } catch (Exception e) {
      // the test fails below anyway
    }
    return fail("startAsync() did not fail");
  }
}
