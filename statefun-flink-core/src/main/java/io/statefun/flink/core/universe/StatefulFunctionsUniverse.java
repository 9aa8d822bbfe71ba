package io.statefun.flink.core.universe;

import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunctionProvider;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.EgressSpec;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.io.IngressSpec;
import io.statefun.sdk.io.Router;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.Internal;

/**
 * Everything the modules of one job bound: ingresses, routers, egresses and function providers.
 * Built by {@link UniverseBinder}; read-only afterwards, so one instance serves every subtask of a
 * job in a JVM.
 */
@Internal
public final class StatefulFunctionsUniverse {
  private final Map<IngressIdentifier<?>, IngressSpec<?>> ingresses;
  private final Map<IngressIdentifier<?>, List<Router<?>>> routers;
  private final Map<EgressIdentifier<?>, EgressSpec<?>> egresses;
  private final Map<FunctionType, StatefulFunctionProvider> functions;
  private final Map<String, StatefulFunctionProvider> namespaceFunctions;

  StatefulFunctionsUniverse(
      Map<IngressIdentifier<?>, IngressSpec<?>> ingresses,
      Map<IngressIdentifier<?>, List<Router<?>>> routers,
      Map<EgressIdentifier<?>, EgressSpec<?>> egresses,
      Map<FunctionType, StatefulFunctionProvider> functions,
      Map<String, StatefulFunctionProvider> namespaceFunctions) {
    this.ingresses = Collections.unmodifiableMap(new LinkedHashMap<>(ingresses));
    Map<IngressIdentifier<?>, List<Router<?>>> routerCopy = new LinkedHashMap<>();
    routers.forEach((id, list) -> routerCopy.put(id, List.copyOf(list)));
    this.routers = Collections.unmodifiableMap(routerCopy);
    this.egresses = Collections.unmodifiableMap(new LinkedHashMap<>(egresses));
    this.functions = Map.copyOf(functions);
    this.namespaceFunctions = Map.copyOf(namespaceFunctions);
  }

  public Map<IngressIdentifier<?>, IngressSpec<?>> ingresses() {
    return ingresses;
  }

  public Map<EgressIdentifier<?>, EgressSpec<?>> egresses() {
    return egresses;
  }

  /** The routers bound to {@code ingress}, in binding order; empty if none. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public <T> List<Router<T>> routersOf(IngressIdentifier<T> ingress) {
    List<Router<?>> bound = routers.get(ingress);
    return bound == null ? List.of() : (List) bound;
  }

  /**
   * The provider of {@code type}: an exact binding, else a namespace binding.
   *
   * @return null if neither exists
   */
  public StatefulFunctionProvider providerOf(FunctionType type) {
    StatefulFunctionProvider exact = functions.get(type);
    return exact != null ? exact : namespaceFunctions.get(type.namespace());
  }

  /** A description of what is bound, for error messages. */
  public String describeFunctions() {
    List<String> names = new ArrayList<>();
    functions.keySet().forEach(t -> names.add(t.toString()));
    namespaceFunctions.keySet().forEach(ns -> names.add(ns + "/*"));
    Collections.sort(names);
    return names.toString();
  }
}
