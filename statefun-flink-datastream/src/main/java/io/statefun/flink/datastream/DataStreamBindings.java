package io.statefun.flink.datastream;

import io.statefun.sdk.FunctionType;
import io.statefun.sdk.FunctionTypeNamespaceMatcher;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link StatefulFunctionDataStreamBuilder} binds, as a module: the runtime configures it
 * like any other, so duplicates against mixed-in modules are caught the same way, and a task
 * manager rebuilds the same bindings from this serialized module.
 */
final class DataStreamBindings implements StatefulFunctionModule, Serializable {
  private static final long serialVersionUID = 1L;

  private final Map<FunctionType, SerializableStatefulFunctionProvider> functions;
  private final Map<FunctionTypeNamespaceMatcher, SerializableStatefulFunctionProvider> namespaces;
  private final List<EgressIdentifier<?>> egresses;

  DataStreamBindings(
      Map<FunctionType, SerializableStatefulFunctionProvider> functions,
      Map<FunctionTypeNamespaceMatcher, SerializableStatefulFunctionProvider> namespaces,
      List<EgressIdentifier<?>> egresses) {
    this.functions = new LinkedHashMap<>(functions);
    this.namespaces = new LinkedHashMap<>(namespaces);
    this.egresses = new ArrayList<>(egresses);
  }

  @Override
  public void configure(Map<String, String> globalConfiguration, Binder binder) {
    functions.forEach(binder::bindFunctionProvider);
    namespaces.forEach(binder::bindFunctionProvider);
    for (EgressIdentifier<?> egress : egresses) {
      bindEgress(binder, egress);
    }
  }

  private static <T> void bindEgress(Binder binder, EgressIdentifier<T> egress) {
    binder.bindEgress(new DataStreamEgressSpec<>(egress));
  }
}
