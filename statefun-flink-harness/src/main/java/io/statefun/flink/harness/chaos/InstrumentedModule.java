package io.statefun.flink.harness.chaos;

import io.statefun.flink.harness.observe.HarnessRuns;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.FunctionTypeNamespaceMatcher;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.StatefulFunctionProvider;
import io.statefun.sdk.io.EgressSpec;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.io.IngressSpec;
import io.statefun.sdk.io.Router;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.io.Serializable;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.flink.annotation.Internal;

/**
 * Wraps a module so that its functions and routers consult the run's {@link FaultPlan} before they
 * run. Serializable like any programmatic module; a module found by the {@link ServiceLoader}
 * (which need not be serializable) travels as its class name and is loaded again.
 */
@Internal
public final class InstrumentedModule implements StatefulFunctionModule, Serializable {
  private static final long serialVersionUID = 1L;

  private final String runId;
  private final StatefulFunctionModule serializableModule;
  private final String serviceLoadedClass;
  private transient StatefulFunctionModule module;

  private InstrumentedModule(String runId, StatefulFunctionModule module, boolean serviceLoaded) {
    this.runId = runId;
    this.module = module;
    this.serializableModule = serviceLoaded ? null : module;
    this.serviceLoadedClass = serviceLoaded ? module.getClass().getName() : null;
  }

  /** Wraps a module passed to the harness programmatically (serializable). */
  public static InstrumentedModule wrap(String runId, StatefulFunctionModule module) {
    return new InstrumentedModule(runId, module, false);
  }

  /** Wraps a module the {@link ServiceLoader} found. */
  public static InstrumentedModule wrapServiceLoaded(String runId, StatefulFunctionModule module) {
    return new InstrumentedModule(runId, module, true);
  }

  @Override
  public void configure(Map<String, String> globalConfiguration, Binder binder) {
    FaultPlan plan = HarnessRuns.get(runId).faults();
    module().configure(globalConfiguration, new InjectingBinder(binder, plan));
  }

  private StatefulFunctionModule module() {
    if (module == null) {
      module = serializableModule != null ? serializableModule : loadService(serviceLoadedClass);
    }
    return module;
  }

  private static StatefulFunctionModule loadService(String className) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    for (StatefulFunctionModule found : ServiceLoader.load(StatefulFunctionModule.class, loader)) {
      if (found.getClass().getName().equals(className)) {
        return found;
      }
    }
    throw new IllegalStateException(
        "module " + className + " is no longer found by the ServiceLoader of " + loader);
  }

  @Override
  public String toString() {
    return "InstrumentedModule{"
        + (serviceLoadedClass != null ? serviceLoadedClass : serializableModule)
        + '}';
  }

  private static final class InjectingBinder implements Binder {
    private final Binder binder;
    private final FaultPlan plan;

    InjectingBinder(Binder binder, FaultPlan plan) {
      this.binder = binder;
      this.plan = plan;
    }

    @Override
    public <T> void bindIngress(IngressSpec<T> spec) {
      binder.bindIngress(spec);
    }

    @Override
    public <T> void bindIngressRouter(IngressIdentifier<T> id, Router<T> router) {
      binder.bindIngressRouter(
          id, plan.hasRouterFaults(id) ? new Routed<>(id, router, plan) : router);
    }

    @Override
    public <T> void bindEgress(EgressSpec<T> spec) {
      binder.bindEgress(spec);
    }

    @Override
    public void bindFunctionProvider(FunctionType type, StatefulFunctionProvider provider) {
      binder.bindFunctionProvider(type, injecting(provider));
    }

    @Override
    public void bindFunctionProvider(
        FunctionTypeNamespaceMatcher matcher, StatefulFunctionProvider provider) {
      binder.bindFunctionProvider(matcher, injecting(provider));
    }

    private StatefulFunctionProvider injecting(StatefulFunctionProvider provider) {
      return type -> new Invoked(type, provider.functionOfType(type), plan);
    }
  }

  /**
   * A function that asks the plan before each invocation. It holds the user's instance in a
   * {@code @Persisted} field: the runtime binds the {@code @Persisted} fields of the object the
   * provider returns, and looks into the objects such fields hold.
   */
  static final class Invoked implements StatefulFunction {
    private final FunctionType type;

    @io.statefun.sdk.annotations.Persisted private final StatefulFunction function;

    private final FaultPlan plan;

    Invoked(FunctionType type, StatefulFunction function, FaultPlan plan) {
      this.type = type;
      this.function = function;
      this.plan = plan;
    }

    @Override
    public void invoke(Context context, Object input) {
      plan.beforeInvocation(type, context.self());
      function.invoke(context, input);
    }
  }

  private static final class Routed<T> implements Router<T> {
    private final IngressIdentifier<T> ingress;
    private final Router<T> router;
    private final FaultPlan plan;

    Routed(IngressIdentifier<T> ingress, Router<T> router, FaultPlan plan) {
      this.ingress = ingress;
      this.router = router;
      this.plan = plan;
    }

    @Override
    public void route(T message, Downstream<T> downstream) {
      plan.beforeRouting(ingress, message);
      router.route(message, downstream);
    }

    @Override
    public String toString() {
      return router.toString();
    }
  }
}
