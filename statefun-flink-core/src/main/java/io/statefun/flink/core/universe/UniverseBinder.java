package io.statefun.flink.core.universe;

import io.statefun.sdk.FunctionType;
import io.statefun.sdk.FunctionTypeNamespaceMatcher;
import io.statefun.sdk.StatefulFunctionProvider;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.EgressSpec;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.io.IngressSpec;
import io.statefun.sdk.io.Router;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.Internal;

/**
 * The runtime's {@link StatefulFunctionModule.Binder}: collects bindings module by module, rejects
 * duplicates naming both modules, and checks that ingresses and routers pair up.
 */
@Internal
public final class UniverseBinder {
  private final Map<IngressIdentifier<?>, IngressSpec<?>> ingresses = new LinkedHashMap<>();
  private final Map<IngressIdentifier<?>, List<Router<?>>> routers = new LinkedHashMap<>();
  private final Map<EgressIdentifier<?>, EgressSpec<?>> egresses = new LinkedHashMap<>();
  private final Map<FunctionType, StatefulFunctionProvider> functions = new HashMap<>();
  private final Map<String, StatefulFunctionProvider> namespaceFunctions = new HashMap<>();
  private final Map<Object, String> boundBy = new HashMap<>();

  /** Runs {@code module.configure} with a binder that attributes every binding to the module. */
  public void configure(StatefulFunctionModule module, Map<String, String> globalConfig) {
    String moduleName = module.getClass().getName();
    try {
      module.configure(globalConfig, new ModuleBinder(moduleName));
    } catch (DuplicateBindingException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "module " + moduleName + " failed to configure: " + e.getMessage(), e);
    }
  }

  /**
   * Replaces (or adds) an ingress spec after the modules are configured; the harness uses this to
   * feed a module's ingress from a test source.
   */
  public void overrideIngress(IngressSpec<?> spec) {
    ingresses.put(spec.id(), spec);
  }

  /** Replaces (or adds) an egress spec after the modules are configured. */
  public void overrideEgress(EgressSpec<?> spec) {
    egresses.put(spec.id(), spec);
  }

  /**
   * Validates and returns the universe.
   *
   * @throws IllegalStateException naming the ingress if a router has no ingress or an ingress has
   *     no router
   */
  public StatefulFunctionsUniverse build() {
    for (Map.Entry<IngressIdentifier<?>, List<Router<?>>> entry : routers.entrySet()) {
      if (!ingresses.containsKey(entry.getKey())) {
        throw new IllegalStateException(
            "a router is bound to ingress "
                + entry.getKey()
                + " (by "
                + boundBy.get(routerKey(entry.getKey(), entry.getValue().get(0)))
                + "), but no module binds that ingress");
      }
    }
    for (IngressIdentifier<?> ingress : ingresses.keySet()) {
      if (!routers.containsKey(ingress)) {
        throw new IllegalStateException(
            "ingress "
                + ingress
                + " has no router: bind one with Binder.bindIngressRouter, or its records go"
                + " nowhere");
      }
    }
    return new StatefulFunctionsUniverse(
        ingresses, routers, egresses, functions, namespaceFunctions);
  }

  private void claim(Object key, String what, String moduleName) {
    String previous = boundBy.putIfAbsent(key, moduleName);
    if (previous != null) {
      throw new DuplicateBindingException(
          what + " is bound twice: by module " + previous + " and by module " + moduleName);
    }
  }

  private static Object routerKey(IngressIdentifier<?> ingress, Router<?> router) {
    return List.of("router", ingress, new IdentityKey(router));
  }

  private final class ModuleBinder implements StatefulFunctionModule.Binder {
    private final String moduleName;

    ModuleBinder(String moduleName) {
      this.moduleName = moduleName;
    }

    @Override
    public <T> void bindIngress(IngressSpec<T> spec) {
      requireNonNull(spec, "ingress spec");
      IngressIdentifier<T> id = requireNonNull(spec.id(), "ingress spec id");
      // Keyed by namespace and name only: two identifiers that differ just in type are a clash.
      claim(List.of("ingress", id.namespace(), id.name()), "ingress " + id, moduleName);
      ingresses.put(id, spec);
    }

    @Override
    public <T> void bindIngressRouter(IngressIdentifier<T> id, Router<T> router) {
      requireNonNull(id, "ingress id");
      requireNonNull(router, "router");
      claim(routerKey(id, router), "router " + router + " of ingress " + id, moduleName);
      routers.computeIfAbsent(id, k -> new ArrayList<>()).add(router);
    }

    @Override
    public <T> void bindEgress(EgressSpec<T> spec) {
      requireNonNull(spec, "egress spec");
      EgressIdentifier<T> id = requireNonNull(spec.id(), "egress spec id");
      claim(List.of("egress", id.namespace(), id.name()), "egress " + id, moduleName);
      egresses.put(id, spec);
    }

    @Override
    public void bindFunctionProvider(FunctionType type, StatefulFunctionProvider provider) {
      requireNonNull(type, "function type");
      requireNonNull(provider, "provider of " + type);
      claim(List.of("function", type), "function type " + type, moduleName);
      functions.put(type, provider);
    }

    @Override
    public void bindFunctionProvider(
        FunctionTypeNamespaceMatcher matcher, StatefulFunctionProvider provider) {
      requireNonNull(matcher, "namespace matcher");
      requireNonNull(provider, "provider of " + matcher);
      claim(
          List.of("namespace", matcher.namespace()),
          "function namespace " + matcher.namespace() + "/*",
          moduleName);
      namespaceFunctions.put(matcher.namespace(), provider);
    }

    private <T> T requireNonNull(T value, String what) {
      if (value == null) {
        throw new IllegalArgumentException("module " + moduleName + " bound a null " + what);
      }
      return value;
    }
  }

  /** Compares by identity, so two equal-but-distinct routers are both allowed. */
  private static final class IdentityKey {
    private final Object value;

    IdentityKey(Object value) {
      this.value = value;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof IdentityKey && ((IdentityKey) o).value == value;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(value);
    }
  }
}
