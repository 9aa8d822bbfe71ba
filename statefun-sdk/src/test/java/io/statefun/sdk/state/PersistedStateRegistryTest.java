package io.statefun.sdk.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PersistedStateRegistryTest {
  private final PersistedStateRegistry registry = new PersistedStateRegistry();
  private final RecordingBinder binder = new RecordingBinder();

  private final PersistedValue<String> value = PersistedValue.of("greeting", String.class);
  private final PersistedTable<String, Integer> table =
      PersistedTable.of("scores", String.class, Integer.class);
  private final PersistedAppendingBuffer<String> buffer =
      PersistedAppendingBuffer.of("events", String.class);

  @Test
  void stateRegisteredBeforeBindingIsBoundWhenTheRegistryIsBound() {
    registry.registerValue(value);
    registry.registerTable(table);
    registry.registerAppendingBuffer(buffer);
    assertThat(binder.bound).isEmpty();

    ApiExtension.bindRegistry(registry, binder);

    assertThat(binder.bound)
        .containsExactlyInAnyOrder("value greeting", "table scores", "buffer events");
  }

  @Test
  void stateRegisteredAfterBindingIsBoundAtOnce() {
    ApiExtension.bindRegistry(registry, binder);

    registry.registerValue(value);
    assertThat(binder.bound).containsExactly("value greeting");
    registry.registerTable(table);
    assertThat(binder.bound).containsExactly("value greeting", "table scores");
    registry.registerAppendingBuffer(buffer);
    assertThat(binder.bound).containsExactly("value greeting", "table scores", "buffer events");
  }

  @Test
  void boundStateUsesTheBindersAccessor() {
    registry.registerValue(value);
    value.set("in memory");
    StateBinder accessorBinder =
        new RecordingBinder() {
          @Override
          public <T> void bindValue(PersistedValue<T> v) {
            ApiExtension.bindValue(
                v,
                new ValueAccessor<T>() {
                  @Override
                  public T get() {
                    return v.type().cast("from runtime");
                  }

                  @Override
                  public void set(T ignored) {}

                  @Override
                  public void clear() {}
                });
          }
        };

    ApiExtension.bindRegistry(registry, accessorBinder);

    assertThat(value.get()).isEqualTo("from runtime");
  }

  @Test
  void registeringAnotherStateUnderAnExistingNameThrowsNamingIt() {
    registry.registerValue(value);

    assertThatThrownBy(() -> registry.registerValue(PersistedValue.of("greeting", String.class)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'greeting'");
  }

  @Test
  void registeringAnotherKindOfStateUnderAnExistingNameThrowsNamingIt() {
    registry.registerValue(value);

    assertThatThrownBy(
            () -> registry.registerTable(PersistedTable.of("greeting", String.class, String.class)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'greeting'");
    assertThatThrownBy(
            () ->
                registry.registerAppendingBuffer(
                    PersistedAppendingBuffer.of("greeting", String.class)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'greeting'");
  }

  @Test
  void reRegisteringTheSameStateBeforeBindingIsANoOp() {
    registry.registerValue(value);
    registry.registerValue(value);

    ApiExtension.bindRegistry(registry, binder);

    assertThat(binder.bound).containsExactly("value greeting");
  }

  @Test
  void reRegisteringTheSameStateAfterBindingDoesNotBindItAgain() {
    ApiExtension.bindRegistry(registry, binder);
    registry.registerTable(table);

    registry.registerTable(table);

    assertThat(binder.bound).containsExactly("table scores");
  }

  @Test
  void registeringNullIsRejectedNamingTheArgument() {
    assertThatThrownBy(() -> registry.registerValue(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("value");
    assertThatThrownBy(() -> registry.registerTable(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("table");
    assertThatThrownBy(() -> registry.registerAppendingBuffer(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("buffer");

    ApiExtension.bindRegistry(registry, binder);
    assertThat(binder.bound).isEmpty();
  }

  private static class RecordingBinder implements StateBinder {
    final List<String> bound = new ArrayList<>();

    @Override
    public <T> void bindValue(PersistedValue<T> value) {
      bound.add("value " + value.name());
    }

    @Override
    public <K, V> void bindTable(PersistedTable<K, V> table) {
      bound.add("table " + table.name());
    }

    @Override
    public <E> void bindAppendingBuffer(PersistedAppendingBuffer<E> buffer) {
      bound.add("buffer " + buffer.name());
    }
  }
}
