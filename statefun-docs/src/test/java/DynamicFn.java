// #region registry
import io.statefun.sdk.Context;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.annotations.Persisted;
import io.statefun.sdk.state.PersistedStateRegistry;
import io.statefun.sdk.state.PersistedValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

public final class DynamicFn implements StatefulFunction {
  @Persisted private final PersistedStateRegistry registry = new PersistedStateRegistry();

  // The state objects themselves may be shared: the runtime re-points them per address.
  private final Map<String, PersistedValue<Long>> counters = new HashMap<>();

  public DynamicFn(List<String> counterNames) {
    for (String name : counterNames) {
      PersistedValue<Long> value = PersistedValue.of(name, Long.class);
      registry.registerValue(value);
      counters.put(name, value);
    }
  }

  @Override
  public void invoke(Context context, Object input) {
    PersistedValue<Long> counter = counters.get((String) input);
    if (counter != null) {
      counter.updateAndGet(n -> n == null ? 1L : n + 1);
    }
  }

  /** The count of {@code name} for the address last invoked. */
  Long count(String name) {
    return counters.get(name).get();
  }
}
// #endregion registry
