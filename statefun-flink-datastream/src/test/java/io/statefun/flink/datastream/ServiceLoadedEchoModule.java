package io.statefun.flink.datastream;

import io.statefun.sdk.FunctionType;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.util.Map;

/** Listed in this module's test META-INF/services: binds one function that echoes to an egress. */
public final class ServiceLoadedEchoModule implements StatefulFunctionModule {
  static final FunctionType ECHO = new FunctionType("service-loaded", "echo");
  static final EgressIdentifier<String> ECHOES =
      new EgressIdentifier<>("service-loaded", "echoes", String.class);

  @Override
  public void configure(Map<String, String> globalConfiguration, Binder binder) {
    String prefix = globalConfiguration.getOrDefault("echo-prefix", "echo");
    binder.bindFunctionProvider(
        ECHO, type -> (context, input) -> context.send(ECHOES, prefix + ":" + input));
  }
}
