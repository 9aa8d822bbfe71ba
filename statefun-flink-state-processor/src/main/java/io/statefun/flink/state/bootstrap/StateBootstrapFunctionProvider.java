package io.statefun.flink.state.bootstrap;

import io.statefun.sdk.FunctionType;
import java.io.Serializable;

/** Creates the bootstrap function of a function type, once per type per parallel writer. */
@FunctionalInterface
public interface StateBootstrapFunctionProvider extends Serializable {

  StateBootstrapFunction bootstrapFunctionOfType(FunctionType type);
}
