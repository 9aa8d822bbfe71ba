package io.statefun.flink.core.universe;

import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.StatefulFunctionProvider;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.EgressSpec;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.io.IngressSpec;
import io.statefun.sdk.io.Router;
import java.io.Serializable;

/** Tiny specs, routers and providers for binder tests. */
final class TestSpecs {
  private TestSpecs() {}

  /** An ingress spec that is nothing but its identifier (plus a label to tell instances apart). */
  record TestIngress<T>(IngressIdentifier<T> id, String label) implements IngressSpec<T> {}

  record TestEgress<T>(EgressIdentifier<T> id, String label) implements EgressSpec<T> {}

  static <T> TestIngress<T> ingress(IngressIdentifier<T> id) {
    return new TestIngress<>(id, "default");
  }

  static <T> TestEgress<T> egress(EgressIdentifier<T> id) {
    return new TestEgress<>(id, "default");
  }

  static final class NoopRouter<T> implements Router<T>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void route(T message, Downstream<T> downstream) {}
  }

  static final class NoopFunction implements StatefulFunction {
    @Override
    public void invoke(io.statefun.sdk.Context context, Object input) {}
  }

  static final class NoopProvider implements StatefulFunctionProvider, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public StatefulFunction functionOfType(FunctionType type) {
      return new NoopFunction();
    }
  }
}
