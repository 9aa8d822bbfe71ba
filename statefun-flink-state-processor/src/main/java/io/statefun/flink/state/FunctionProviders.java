package io.statefun.flink.state;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.util.InstantiationUtil;

/**
 * Where offline state tools find a function type's provider: the application's modules, the same
 * ones a job runs with. A function's {@code @Persisted} fields are the schema of its state, so the
 * tools bind them exactly as the functions operator does. Only the function bindings of the modules
 * are used; their ingresses, routers and egresses are ignored.
 */
public final class FunctionProviders implements Serializable {
  private static final long serialVersionUID = 1L;

  private final boolean serviceLoaded;
  private final List<StatefulFunctionModule> modules;
  private final Map<String, String> globalConfig;
  private transient Bindings bindings;

  private FunctionProviders(
      boolean serviceLoaded, List<StatefulFunctionModule> modules, Map<String, String> config) {
    this.serviceLoaded = serviceLoaded;
    this.modules = modules;
    this.globalConfig = new TreeMap<>(config);
  }

  /** The modules the {@link ServiceLoader} finds, as {@code StatefulFunctionsJob} does. */
  public static FunctionProviders serviceLoaded(Map<String, String> globalConfig) {
    return new FunctionProviders(true, List.of(), globalConfig);
  }

  /**
   * These modules only, configured with an empty global configuration.
   *
   * @throws IllegalArgumentException naming the module class if a module is not serializable
   */
  public static FunctionProviders of(StatefulFunctionModule... modules) {
    List<StatefulFunctionModule> list = new ArrayList<>();
    for (StatefulFunctionModule module : modules) {
      if (!InstantiationUtil.isSerializable(module)) {
        throw new IllegalArgumentException(
            "module "
                + module.getClass().getName()
                + " must be java.io.Serializable to reach the state processor's tasks");
      }
      list.add(module);
    }
    return new FunctionProviders(false, list, Map.of());
  }

  /**
   * A new function instance of {@code type}, from its provider.
   *
   * @throws IllegalArgumentException naming the type and the bound types if no module binds it
   */
  public StatefulFunction newFunction(FunctionType type) {
    Bindings bound = bindings();
    StatefulFunctionProvider provider = bound.exact.get(type);
    if (provider == null) {
      provider = bound.namespaces.get(type.namespace());
    }
    if (provider == null) {
      throw new IllegalArgumentException(
          "no module binds function type " + type + "; bound: " + bound.describe());
    }
    StatefulFunction function = provider.functionOfType(type);
    if (function == null) {
      throw new IllegalStateException("the provider of function type " + type + " returned null");
    }
    return function;
  }

  private Bindings bindings() {
    if (bindings == null) {
      Bindings collected = new Bindings();
      List<StatefulFunctionModule> all = new ArrayList<>();
      if (serviceLoaded) {
        ServiceLoader.load(
                StatefulFunctionModule.class, Thread.currentThread().getContextClassLoader())
            .forEach(all::add);
      }
      all.addAll(modules);
      for (StatefulFunctionModule module : all) {
        module.configure(globalConfig, collected);
      }
      bindings = collected;
    }
    return bindings;
  }

  /** Keeps the function bindings of the modules. */
  private static final class Bindings implements StatefulFunctionModule.Binder {
    final Map<FunctionType, StatefulFunctionProvider> exact = new HashMap<>();
    final Map<String, StatefulFunctionProvider> namespaces = new HashMap<>();

    @Override
    public <T> void bindIngress(IngressSpec<T> spec) {}

    @Override
    public <T> void bindIngressRouter(IngressIdentifier<T> id, Router<T> router) {}

    @Override
    public <T> void bindEgress(EgressSpec<T> spec) {}

    @Override
    public void bindFunctionProvider(FunctionType type, StatefulFunctionProvider provider) {
      if (exact.putIfAbsent(type, provider) != null) {
        throw new IllegalArgumentException("function type " + type + " is bound twice");
      }
    }

    @Override
    public void bindFunctionProvider(
        FunctionTypeNamespaceMatcher matcher, StatefulFunctionProvider provider) {
      if (namespaces.putIfAbsent(matcher.namespace(), provider) != null) {
        throw new IllegalArgumentException(
            "function namespace " + matcher.namespace() + " is bound twice");
      }
    }

    String describe() {
      TreeSet<String> names = new TreeSet<>();
      exact.keySet().forEach(t -> names.add(t.toString()));
      namespaces.keySet().forEach(ns -> names.add(ns + "/*"));
      return names.toString();
    }
  }
}
