package io.statefun.sdk.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The state name rule, checked through each kind of state. */
class StateNamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"seen", "Seen_Count", "user-42", "a", "_", "0-9"})
  void acceptsLettersDigitsUnderscoreAndDash(String name) {
    assertThat(PersistedValue.of(name, String.class).name()).isEqualTo(name);
    assertThat(PersistedTable.of(name, String.class, String.class).name()).isEqualTo(name);
    assertThat(PersistedAppendingBuffer.of(name, String.class).name()).isEqualTo(name);
  }

  @ParameterizedTest
  @NullAndEmptySource
  void rejectsNullAndEmptyNames(String name) {
    assertThatThrownBy(() -> PersistedValue.of(name, String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("state name");
    assertThatThrownBy(() -> PersistedTable.of(name, String.class, String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("state name");
    assertThatThrownBy(() -> PersistedAppendingBuffer.of(name, String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("state name");
  }

  @Test
  void nullOrEmptyNameMessageShowsTheCulprit() {
    assertThatThrownBy(() -> PersistedValue.of(null, String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("state name must not be null or empty (was: null)");
    assertThatThrownBy(() -> PersistedTable.of("", String.class, String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("state name must not be null or empty (was: \"\")");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a.b", "a/b", "a b", "a:b", "ä", ".", "/"})
  void rejectsOtherCharactersNamingTheName(String name) {
    String quoted = "'" + name + "'";
    assertThatThrownBy(() -> PersistedValue.of(name, String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(quoted);
    assertThatThrownBy(() -> PersistedTable.of(name, String.class, String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(quoted);
    assertThatThrownBy(() -> PersistedAppendingBuffer.of(name, String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(quoted);
  }
}
