package io.statefun.flink.core.universe;

import io.statefun.sdk.spi.StatefulFunctionModule;
import java.io.Serializable;
import java.util.Map;
import java.util.function.Consumer;

/** Modules whose bindings are given by the test; distinct classes so messages can name them. */
final class TestModules {
  private TestModules() {}

  /** A serializable binding action. */
  interface Bindings extends Consumer<StatefulFunctionModule.Binder>, Serializable {}

  abstract static class BindingModule implements StatefulFunctionModule, Serializable {
    private static final long serialVersionUID = 1L;

    private final Bindings bindings;

    /** The global configuration the last {@link #configure} call received; not serialized. */
    transient Map<String, String> receivedConfig;

    BindingModule(Bindings bindings) {
      this.bindings = bindings;
    }

    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      this.receivedConfig = globalConfiguration;
      bindings.accept(binder);
    }
  }

  static final class FirstModule extends BindingModule {
    private static final long serialVersionUID = 1L;

    FirstModule(Bindings bindings) {
      super(bindings);
    }
  }

  static final class SecondModule extends BindingModule {
    private static final long serialVersionUID = 1L;

    SecondModule(Bindings bindings) {
      super(bindings);
    }
  }

  static final class FailingModule implements StatefulFunctionModule, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      throw new IllegalArgumentException("boom in configure");
    }
  }

  /** Not Serializable (and holds a non-serializable field for good measure). */
  static final class NotSerializableModule implements StatefulFunctionModule {
    @SuppressWarnings("unused")
    private final Object lock = new Object();

    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {}
  }
}
