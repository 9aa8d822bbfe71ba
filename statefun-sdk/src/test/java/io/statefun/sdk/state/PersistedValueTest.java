package io.statefun.sdk.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An unbound value keeps its value in memory. */
class PersistedValueTest {
  private final PersistedValue<Integer> value = PersistedValue.of("count", Integer.class);

  @Test
  void exposesNameTypeAndExpiration() {
    Expiration expiration = Expiration.expireAfterWriting(Duration.ofMinutes(1));
    PersistedValue<String> expiring = PersistedValue.of("greeting", String.class, expiration);

    assertThat(expiring.name()).isEqualTo("greeting");
    assertThat(expiring.type()).isEqualTo(String.class);
    assertThat(expiring.expiration()).isEqualTo(expiration);
    assertThat(value.expiration()).isEqualTo(Expiration.none());
  }

  @Test
  void isEmptyInitially() {
    assertThat(value.get()).isNull();
  }

  @Test
  void getReturnsWhatWasSet() {
    value.set(1);
    value.set(2);

    assertThat(value.get()).isEqualTo(2);
  }

  @Test
  void clearRemovesTheValue() {
    value.set(1);

    value.clear();

    assertThat(value.get()).isNull();
  }

  @Test
  void setNullClearsTheValue() {
    value.set(1);

    value.set(null);

    assertThat(value.get()).isNull();
  }

  @Test
  void getOrDefaultReturnsTheDefaultWithoutStoringIt() {
    assertThat(value.getOrDefault(7)).isEqualTo(7);
    assertThat(value.get()).isNull();
  }

  @Test
  void getOrDefaultReturnsTheValueWhenSet() {
    value.set(1);

    assertThat(value.getOrDefault(7)).isEqualTo(1);
  }

  @Test
  void getOrDefaultWithSupplierReturnsTheSuppliedDefaultWithoutStoringIt() {
    assertThat(value.getOrDefault(() -> 7)).isEqualTo(7);
    assertThat(value.get()).isNull();
  }

  @Test
  void getOrDefaultWithSupplierDoesNotCallTheSupplierWhenSet() {
    AtomicInteger calls = new AtomicInteger();
    value.set(1);

    assertThat(value.getOrDefault(() -> calls.incrementAndGet())).isEqualTo(1);
    assertThat(calls).hasValue(0);
  }

  @Test
  void updateAndGetStoresAndReturnsTheNewValue() {
    value.set(1);

    assertThat(value.updateAndGet(current -> current + 10)).isEqualTo(11);
    assertThat(value.get()).isEqualTo(11);
  }

  @Test
  void updateAndGetPassesNullWhenEmpty() {
    assertThat(value.updateAndGet(current -> current == null ? 1 : current + 1)).isEqualTo(1);
    assertThat(value.get()).isEqualTo(1);
  }

  @Test
  void updateAndGetWithNullResultClears() {
    value.set(1);

    assertThat(value.updateAndGet(current -> null)).isNull();
    assertThat(value.get()).isNull();
  }

  @Test
  void getAndUpdateStoresTheNewValueAndReturnsThePrevious() {
    value.set(1);

    assertThat(value.getAndUpdate(current -> current + 10)).isEqualTo(1);
    assertThat(value.get()).isEqualTo(11);
  }

  @Test
  void getAndUpdateWithNullResultClears() {
    value.set(1);

    assertThat(value.getAndUpdate(current -> null)).isEqualTo(1);
    assertThat(value.get()).isNull();
  }

  @Test
  void nullTypeOrExpirationIsRejectedNamingTheArgumentAndTheState() {
    assertThatThrownBy(() -> PersistedValue.of("count", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("type")
        .hasMessageContaining("'count'");
    assertThatThrownBy(() -> PersistedValue.of("count", Integer.class, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expiration")
        .hasMessageContaining("'count'");
  }

  @Test
  void toStringNamesTheState() {
    assertThat(value)
        .hasToString("PersistedValue{name=count, type=java.lang.Integer, Expiration{NONE}}");
  }
}
