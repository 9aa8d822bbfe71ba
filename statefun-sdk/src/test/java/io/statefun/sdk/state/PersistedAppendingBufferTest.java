package io.statefun.sdk.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An unbound buffer keeps its elements in memory. */
class PersistedAppendingBufferTest {
  private final PersistedAppendingBuffer<String> buffer =
      PersistedAppendingBuffer.of("events", String.class);

  @Test
  void exposesNameElementTypeAndExpiration() {
    Expiration expiration = Expiration.expireAfterWriting(Duration.ofDays(1));
    PersistedAppendingBuffer<Long> expiring =
        PersistedAppendingBuffer.of("timestamps", Long.class, expiration);

    assertThat(expiring.name()).isEqualTo("timestamps");
    assertThat(expiring.elementType()).isEqualTo(Long.class);
    assertThat(expiring.expiration()).isEqualTo(expiration);
    assertThat(buffer.expiration()).isEqualTo(Expiration.none());
  }

  @Test
  void viewIsEmptyNotNullInitially() {
    assertThat(buffer.view()).isNotNull().isEmpty();
  }

  @Test
  void viewListsAppendedElementsInInsertionOrder() {
    buffer.append("b");
    buffer.appendAll(List.of("a", "c"));
    buffer.append("a");

    assertThat(buffer.view()).containsExactly("b", "a", "c", "a");
  }

  @Test
  void replaceWithReplacesAllElements() {
    buffer.appendAll(List.of("a", "b"));

    buffer.replaceWith(List.of("x", "y"));

    assertThat(buffer.view()).containsExactly("x", "y");
  }

  @Test
  void replaceWithAnEmptyListClears() {
    buffer.append("a");

    buffer.replaceWith(List.of());

    assertThat(buffer.view()).isEmpty();
  }

  @Test
  void clearRemovesAllElements() {
    buffer.appendAll(List.of("a", "b"));

    buffer.clear();

    assertThat(buffer.view()).isEmpty();
  }

  @Test
  void appendRejectsNullNamingTheState() {
    assertThatThrownBy(() -> buffer.append(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'events'");
  }

  @Test
  void appendAllAndReplaceWithRejectANullListNamingTheState() {
    assertThatThrownBy(() -> buffer.appendAll(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'events'");
    assertThatThrownBy(() -> buffer.replaceWith(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'events'");
  }

  @Test
  void appendAllWithANullElementRejectsTheWholeList() {
    buffer.append("a");

    assertThatThrownBy(() -> buffer.appendAll(Arrays.asList("b", null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'events'");
    assertThat(buffer.view()).containsExactly("a");
  }

  @Test
  void replaceWithANullElementLeavesTheBufferUnchanged() {
    buffer.append("a");

    assertThatThrownBy(() -> buffer.replaceWith(Arrays.asList("b", null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'events'");
    assertThat(buffer.view()).containsExactly("a");
  }

  @Test
  void nullElementTypeOrExpirationIsRejectedNamingTheArgumentAndTheState() {
    assertThatThrownBy(() -> PersistedAppendingBuffer.of("events", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("element type")
        .hasMessageContaining("'events'");
    assertThatThrownBy(() -> PersistedAppendingBuffer.of("events", String.class, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expiration")
        .hasMessageContaining("'events'");
  }

  @Test
  void viewIsReadOnly() {
    buffer.append("a");

    Iterator<String> elements = buffer.view().iterator();
    elements.next();
    assertThatThrownBy(elements::remove).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ((Collection<String>) buffer.view()).add("b"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ((Collection<String>) buffer.view()).clear())
        .isInstanceOf(UnsupportedOperationException.class);

    assertThat(buffer.view()).containsExactly("a");
  }

  @Test
  void toStringNamesTheState() {
    assertThat(buffer)
        .hasToString(
            "PersistedAppendingBuffer{name=events, elementType=java.lang.String,"
                + " Expiration{NONE}}");
  }
}
