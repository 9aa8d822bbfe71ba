package io.statefun.flink.core.state;

import io.statefun.sdk.state.ValueAccessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.api.common.state.ValueState;

final class FlinkValueAccessor<T> implements ValueAccessor<T> {
  private final ValueState<T> state;

  FlinkValueAccessor(ValueState<T> state) {
    this.state = state;
  }

  @Override
  public T get() {
    try {
      return state.value();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void set(T value) {
    try {
      state.update(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void clear() {
    state.clear();
  }
}
