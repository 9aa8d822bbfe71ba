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
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A module passed programmatically and one found by the {@link java.util.ServiceLoader} ({@link
 * ServiceLoadedModule}) make up one job, and messages flow between their functions both ways: the
 * programmatic module's askers ask the service-loaded echo function and get its replies, and the
 * service-loaded module's own ingress makes its function notify the programmatic module's collector
 * (named through the global configuration).
 */
class ModulesTest {
  static final String NS = "it-modules";
  static final IngressIdentifier<Integer> QUESTIONS =
      new IngressIdentifier<>(Integer.class, NS, "questions");
  static final EgressIdentifier<Event> EVENTS = new EgressIdentifier<>(NS, "events", Event.class);
  static final FunctionType ASKER = new FunctionType(NS, "asker");
  static final FunctionType COLLECTOR = new FunctionType(NS, "collector");

  static final int QUESTION_COUNT = 5;

  record Event(String by, Address self, Address caller, String message) {}

  static final class AskerFn implements StatefulFunction {
    @Override
    public void invoke(Context context, Object input) {
      if (input instanceof Integer question) {
        context.send(ServiceLoadedModule.ECHO, "echo-" + question, "question-" + question);
      } else {
        context.send(EVENTS, new Event("asker", context.self(), context.caller(), (String) input));
      }
    }
  }

  static final class CollectorFn implements StatefulFunction {
    @Override
    public void invoke(Context context, Object input) {
      context.send(
          EVENTS, new Event("collector", context.self(), context.caller(), (String) input));
    }
  }

  static final class ProgrammaticModule implements StatefulFunctionModule, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      binder.bindIngressRouter(
          QUESTIONS,
          (question, downstream) -> downstream.forward(ASKER, "q-" + question, question));
      binder.bindFunctionProvider(ASKER, type -> new AskerFn());
      binder.bindFunctionProvider(COLLECTOR, type -> new CollectorFn());
    }
  }

  private String sink;

  @BeforeEach
  void openSink() {
    ItSupport.clearSinks();
    sink = ItSupport.openSink("events");
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void programmaticAndServiceLoadedModulesExchangeMessages(String backend) throws Exception {
    List<Event> expected = new ArrayList<>();
    for (int i = 0; i < QUESTION_COUNT; i++) {
      expected.add(
          new Event(
              "asker",
              new Address(ASKER, "q-" + i),
              new Address(ServiceLoadedModule.ECHO, "echo-" + i),
              "echo:question-" + i));
    }
    for (int i = 0; i < ServiceLoadedModule.TICK_COUNT; i++) {
      expected.add(
          new Event(
              "collector",
              new Address(COLLECTOR, "from-sl-" + i),
              new Address(ServiceLoadedModule.ECHO, "tick-" + i),
              "tick-" + i));
    }

    List<Event> events;
    try (HarnessJob job =
        ItSupport.harness(backend)
            .withServiceLoaderModules(true)
            .withModule(new ProgrammaticModule())
            .withConfiguration(
                "statefun.module.global-config." + ServiceLoadedModule.NOTIFY_KEY,
                COLLECTOR.toString())
            .withGeneratedIngress(QUESTIONS, QUESTION_COUNT, index -> (int) index)
            .withConsumingEgress(EVENTS, ItSupport.into(sink))
            .startAsync()) {
      events = awaitRecords(job, sink, expected.size());
      job.cancel();
    }
    assertThat(events).containsExactlyInAnyOrderElementsOf(expected);
  }
}
