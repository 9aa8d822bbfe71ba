package io.statefun.flink.state.bootstrap;

import io.statefun.sdk.spi.StatefulFunctionModule;
import java.io.Serializable;
import java.util.Map;

/** Binds nothing: a bootstrap with bootstrap functions only needs no application functions. */
final class NoFunctionsModule implements StatefulFunctionModule, Serializable {
  private static final long serialVersionUID = 1L;

  @Override
  public void configure(Map<String, String> globalConfiguration, Binder binder) {}
}
