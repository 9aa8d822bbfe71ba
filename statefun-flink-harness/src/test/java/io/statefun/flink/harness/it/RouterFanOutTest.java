package io.statefun.flink.harness.it;

import static io.statefun.flink.harness.it.ItSupport.awaitRecords;
import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.harness.HarnessJob;
import io.statefun.sdk.Address;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.io.Router;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two routers on one ingress both see every record; one of them forwards each record to three
 * addresses. The functions report each invocation, which must be exactly the expected set: no
 * record lost, none routed twice, every invocation without a caller (it came from an ingress).
 */
class RouterFanOutTest {
  static final String NS = "it-routers";
  static final IngressIdentifier<Integer> EVENTS =
      new IngressIdentifier<>(Integer.class, NS, "events");
  static final EgressIdentifier<Invocation> INVOCATIONS =
      new EgressIdentifier<>(NS, "invocations", Invocation.class);
  static final FunctionType FANNED = new FunctionType(NS, "fanned");
  static final FunctionType SINGLE = new FunctionType(NS, "single");

  static final int RECORDS = 100;
  static final int FAN_OUT = 3;

  record Routed(int event, String router) {}

  record Invocation(Address self, Routed payload, Address caller) {}

  static String fannedId(int event, int branch) {
    return "f" + branch + "-" + (event % 13);
  }

  /** Forwards each event to {@value #FAN_OUT} addresses. */
  static final class FanOutRouter implements Router<Integer> {
    @Override
    public void route(Integer event, Downstream<Integer> downstream) {
      for (int branch = 0; branch < FAN_OUT; branch++) {
        downstream.forward(FANNED, fannedId(event, branch), new Routed(event, "fan-out"));
      }
    }
  }

  static final class ReportingFn implements StatefulFunction {
    @Override
    public void invoke(Context context, Object input) {
      context.send(INVOCATIONS, new Invocation(context.self(), (Routed) input, context.caller()));
    }
  }

  static final class Module implements StatefulFunctionModule, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      binder.bindIngressRouter(EVENTS, new FanOutRouter());
      binder.bindIngressRouter(
          EVENTS,
          (event, downstream) ->
              downstream.forward(new Address(SINGLE, "s-" + event), new Routed(event, "single")));
      binder.bindFunctionProvider(FANNED, type -> new ReportingFn());
      binder.bindFunctionProvider(SINGLE, type -> new ReportingFn());
    }
  }

  private String sink;

  @BeforeEach
  void openSink() {
    ItSupport.clearSinks();
    sink = ItSupport.openSink("invocations");
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void twoRoutersOnOneIngressInvokeExactlyTheRoutedAddresses(String backend) throws Exception {
    List<Invocation> expected = new ArrayList<>();
    for (int event = 0; event < RECORDS; event++) {
      for (int branch = 0; branch < FAN_OUT; branch++) {
        expected.add(
            new Invocation(
                new Address(FANNED, fannedId(event, branch)), new Routed(event, "fan-out"), null));
      }
      expected.add(
          new Invocation(new Address(SINGLE, "s-" + event), new Routed(event, "single"), null));
    }

    List<Invocation> invocations;
    try (HarnessJob job =
        ItSupport.harness(backend)
            .withModule(new Module())
            .withGeneratedIngress(EVENTS, RECORDS, index -> (int) index)
            .withConsumingEgress(INVOCATIONS, ItSupport.into(sink))
            .startAsync()) {
      invocations = awaitRecords(job, sink, expected.size());
      job.cancel();
    }
    assertThat(invocations).containsExactlyInAnyOrderElementsOf(expected);
  }
}
