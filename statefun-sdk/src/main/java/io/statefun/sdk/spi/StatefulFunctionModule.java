package io.statefun.sdk.spi;

import io.statefun.sdk.FunctionType;
import io.statefun.sdk.FunctionTypeNamespaceMatcher;
import io.statefun.sdk.StatefulFunctionProvider;
import io.statefun.sdk.io.EgressSpec;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.io.IngressSpec;
import io.statefun.sdk.io.Router;
import java.util.Map;

/**
 * A unit of an application: it binds ingresses, routers, function providers and egresses.
 *
 * <p>Modules are found with {@link java.util.ServiceLoader} (list the class in {@code
 * META-INF/services/io.statefun.sdk.spi.StatefulFunctionModule}) or passed to the runtime
 * programmatically. A module needs a public no-argument constructor when it is found by the service
 * loader; a module passed programmatically must be {@link java.io.Serializable} so it can reach the
 * cluster's workers.
 */
public interface StatefulFunctionModule {

  /**
   * Binds this module's components. Called once per job in each JVM that runs part of the job.
   *
   * @param globalConfiguration the {@code statefun.module.global-config.*} entries, with that
   *     prefix removed; unmodifiable
   * @param binder where to bind components
   */
  void configure(Map<String, String> globalConfiguration, Binder binder);

  /**
   * Collects a module's bindings. Binding the same ingress, egress or function type twice, in one
   * module or across modules, is an error that names both modules.
   */
  interface Binder {

    <T> void bindIngress(IngressSpec<T> spec);

    /** Binds a router to an ingress; an ingress may have several routers. */
    <T> void bindIngressRouter(IngressIdentifier<T> id, Router<T> router);

    <T> void bindEgress(EgressSpec<T> spec);

    void bindFunctionProvider(FunctionType functionType, StatefulFunctionProvider provider);

    /**
     * Binds a provider for every function type of a namespace that has no exact binding of its own.
     */
    void bindFunctionProvider(
        FunctionTypeNamespaceMatcher namespaceMatcher, StatefulFunctionProvider provider);
  }
}
