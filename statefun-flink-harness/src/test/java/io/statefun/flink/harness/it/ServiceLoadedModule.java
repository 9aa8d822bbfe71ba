package io.statefun.flink.harness.it;

import io.statefun.flink.harness.io.GeneratorSource;
import io.statefun.flink.io.SourceIngressSpec;
import io.statefun.sdk.Address;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * A module found by the {@link java.util.ServiceLoader} (listed in {@code
 * META-INF/services/io.statefun.sdk.spi.StatefulFunctionModule} of the test resources), for {@link
 * ModulesTest}. It binds names only in its own namespace, and its ingress is a small generated one,
 * so in any other job that loads it it does no harm: its function answers questions sent to it, and
 * notifies another function type about its ingress records only when the global configuration
 * {@value #NOTIFY_KEY} names one.
 */
public final class ServiceLoadedModule implements StatefulFunctionModule {
  static final String NS = "it-service-loaded";
  static final IngressIdentifier<Integer> TICKS =
      new IngressIdentifier<>(Integer.class, NS, "ticks");
  static final FunctionType ECHO = new FunctionType(NS, "echo");
  static final int TICK_COUNT = 5;

  /** Global configuration key: the function type ({@code namespace/name}) to notify of ticks. */
  static final String NOTIFY_KEY = NS + ".notify";

  public ServiceLoadedModule() {}

  @Override
  public void configure(Map<String, String> globalConfiguration, Binder binder) {
    String notify = globalConfiguration.get(NOTIFY_KEY);
    FunctionType notified = notify == null ? null : parse(notify);
    binder.bindIngress(
        new SourceIngressSpec<>(
            TICKS,
            new GeneratorSource<>(index -> (int) index, TICK_COUNT, 0),
            WatermarkStrategy.noWatermarks()));
    binder.bindIngressRouter(
        TICKS, (tick, downstream) -> downstream.forward(ECHO, "tick-" + tick, tick));
    binder.bindFunctionProvider(ECHO, type -> new EchoFn(notified));
  }

  private static FunctionType parse(String type) {
    int slash = type.indexOf('/');
    return new FunctionType(type.substring(0, slash), type.substring(slash + 1));
  }

  /** Answers a question with {@code "echo:" + question}; reports ticks to the notified type. */
  static final class EchoFn implements StatefulFunction {
    private final FunctionType notified;

    EchoFn(FunctionType notified) {
      this.notified = notified;
    }

    @Override
    public void invoke(Context context, Object input) {
      if (input instanceof Integer tick) {
        if (notified != null) {
          context.send(new Address(notified, "from-sl-" + tick), "tick-" + tick);
        }
      } else if (input instanceof String question && context.caller() != null) {
        context.reply("echo:" + question);
      }
    }
  }
}
