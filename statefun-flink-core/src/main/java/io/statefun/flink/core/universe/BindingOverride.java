package io.statefun.flink.core.universe;

import java.io.Serializable;
import org.apache.flink.annotation.Internal;

/**
 * A change to the bindings, applied after every module configured; the harness replaces a module's
 * ingresses and egresses with test ones this way. Part of a {@link ModuleSet}, so it is applied
 * wherever the universe is built: on the client and in every task.
 */
@Internal
@FunctionalInterface
public interface BindingOverride extends Serializable {
  void apply(UniverseBinder binder);
}
