package io.statefun.examples.greeter;

import io.statefun.flink.harness.io.ConsumingSink;
import io.statefun.flink.harness.io.GeneratorSource;
import io.statefun.flink.io.SinkEgressSpec;
import io.statefun.flink.io.SourceIngressSpec;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Binds the greeter. Found by the {@link java.util.ServiceLoader} (see {@code META-INF/services}).
 * Its ingress generates visitor names at {@code greeter.names-per-second} (global config, default
 * 5); its egress prints greetings.
 */
public final class GreeterModule implements StatefulFunctionModule {
  static final String[] NAMES = {"Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace"};

  @Override
  public void configure(Map<String, String> globalConfiguration, Binder binder) {
    double rate = Double.parseDouble(globalConfiguration.getOrDefault("names-per-second", "5"));
    binder.bindIngress(
        new SourceIngressSpec<>(
            GreeterIO.NAMES,
            new GeneratorSource<>(GreeterModule::nameAt, Long.MAX_VALUE, rate),
            WatermarkStrategy.noWatermarks()));
    binder.bindIngressRouter(
        GreeterIO.NAMES, (name, downstream) -> downstream.forward(GreeterFn.TYPE, name, name));
    binder.bindFunctionProvider(GreeterFn.TYPE, type -> new GreeterFn());
    binder.bindFunctionProvider(FormatterFn.TYPE, type -> new FormatterFn());
    binder.bindEgress(
        new SinkEgressSpec<>(
            GreeterIO.GREETINGS,
            new ConsumingSink<String>(greeting -> System.out.println(greeting))));
  }

  /** The visitor at position {@code index} of the stream of names. */
  static String nameAt(long index) {
    return NAMES[(int) (Math.floorMod(index * 7919, NAMES.length))];
  }
}
