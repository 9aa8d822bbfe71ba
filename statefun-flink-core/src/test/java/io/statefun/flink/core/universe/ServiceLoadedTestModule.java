package io.statefun.flink.core.universe;

import io.statefun.sdk.FunctionType;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.util.Map;

/**
 * Listed in this module's test {@code META-INF/services}, so {@code ModuleSet.of(true, ...)} finds
 * it. Binds one of everything under the namespace {@code svc-test}; the function's name comes from
 * the global config key {@code svc-test.function} (default {@code fn}).
 */
public final class ServiceLoadedTestModule implements StatefulFunctionModule {
  public static final IngressIdentifier<String> INGRESS =
      new IngressIdentifier<>(String.class, "svc-test", "in");
  public static final EgressIdentifier<String> EGRESS =
      new EgressIdentifier<>("svc-test", "out", String.class);
  public static final String FUNCTION_NAME_KEY = "svc-test.function";

  public static FunctionType functionType(String name) {
    return new FunctionType("svc-test", name);
  }

  @Override
  public void configure(Map<String, String> globalConfiguration, Binder binder) {
    binder.bindIngress(TestSpecs.ingress(INGRESS));
    binder.bindIngressRouter(INGRESS, new TestSpecs.NoopRouter<>());
    binder.bindEgress(TestSpecs.egress(EGRESS));
    binder.bindFunctionProvider(
        functionType(globalConfiguration.getOrDefault(FUNCTION_NAME_KEY, "fn")),
        new TestSpecs.NoopProvider());
  }
}
