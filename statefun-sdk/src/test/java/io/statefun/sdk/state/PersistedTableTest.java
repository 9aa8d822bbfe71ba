package io.statefun.sdk.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An unbound table keeps its entries in memory. */
class PersistedTableTest {
  private final PersistedTable<String, Integer> table =
      PersistedTable.of("scores", String.class, Integer.class);

  @Test
  void exposesNameTypesAndExpiration() {
    Expiration expiration = Expiration.expireAfterReadingOrWriting(Duration.ofHours(1));
    PersistedTable<String, Long> expiring =
        PersistedTable.of("totals", String.class, Long.class, expiration);

    assertThat(expiring.name()).isEqualTo("totals");
    assertThat(expiring.keyType()).isEqualTo(String.class);
    assertThat(expiring.valueType()).isEqualTo(Long.class);
    assertThat(expiring.expiration()).isEqualTo(expiration);
    assertThat(table.expiration()).isEqualTo(Expiration.none());
  }

  @Test
  void isEmptyInitially() {
    assertThat(table.get("alice")).isNull();
    assertThat(table.entries()).isEmpty();
    assertThat(table.keys()).isEmpty();
    assertThat(table.values()).isEmpty();
  }

  @Test
  void getReturnsWhatWasSetForTheKey() {
    table.set("alice", 1);
    table.set("bob", 2);
    table.set("alice", 3);

    assertThat(table.get("alice")).isEqualTo(3);
    assertThat(table.get("bob")).isEqualTo(2);
    assertThat(table.get("carol")).isNull();
  }

  @Test
  void removeDeletesOnlyThatEntry() {
    table.set("alice", 1);
    table.set("bob", 2);

    table.remove("alice");

    assertThat(table.get("alice")).isNull();
    assertThat(table.get("bob")).isEqualTo(2);
  }

  @Test
  void setNullRemovesTheEntry() {
    table.set("alice", 1);

    table.set("alice", null);

    assertThat(table.get("alice")).isNull();
    assertThat(table.keys()).isEmpty();
  }

  @Test
  void entriesKeysAndValuesReflectTheTable() {
    table.set("alice", 1);
    table.set("bob", 2);

    assertThat(table.entries()).containsExactlyInAnyOrder(entry("alice", 1), entry("bob", 2));
    assertThat(table.keys()).containsExactlyInAnyOrder("alice", "bob");
    assertThat(table.values()).containsExactlyInAnyOrder(1, 2);
  }

  @Test
  void clearRemovesAllEntries() {
    table.set("alice", 1);
    table.set("bob", 2);

    table.clear();

    assertThat(table.entries()).isEmpty();
    assertThat(table.get("alice")).isNull();
  }

  @Test
  void rejectsNullKeysNamingTheState() {
    assertThatThrownBy(() -> table.get(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'scores'");
    assertThatThrownBy(() -> table.set(null, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'scores'");
    assertThatThrownBy(() -> table.set(null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'scores'");
    assertThatThrownBy(() -> table.remove(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'scores'");
  }

  @Test
  void nullTypesOrExpirationAreRejectedNamingTheArgumentAndTheState() {
    assertThatThrownBy(() -> PersistedTable.of("scores", null, Integer.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key type")
        .hasMessageContaining("'scores'");
    assertThatThrownBy(() -> PersistedTable.of("scores", String.class, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("value type")
        .hasMessageContaining("'scores'");
    assertThatThrownBy(() -> PersistedTable.of("scores", String.class, Integer.class, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expiration")
        .hasMessageContaining("'scores'");
  }

  @Test
  void entriesKeysAndValuesAreReadOnly() {
    table.set("alice", 1);

    Iterator<Map.Entry<String, Integer>> entries = table.entries().iterator();
    Map.Entry<String, Integer> alice = entries.next();
    assertThatThrownBy(() -> alice.setValue(2)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(entries::remove).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ((Collection<?>) table.entries()).clear())
        .isInstanceOf(UnsupportedOperationException.class);

    Iterator<String> keys = table.keys().iterator();
    keys.next();
    assertThatThrownBy(keys::remove).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ((Collection<String>) table.keys()).add("bob"))
        .isInstanceOf(UnsupportedOperationException.class);

    Iterator<Integer> values = table.values().iterator();
    values.next();
    assertThatThrownBy(values::remove).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ((Collection<?>) table.values()).clear())
        .isInstanceOf(UnsupportedOperationException.class);

    assertThat(table.get("alice")).isEqualTo(1);
    assertThat(table.entries()).containsExactly(entry("alice", 1));
  }

  @Test
  void toStringNamesTheState() {
    assertThat(table)
        .hasToString(
            "PersistedTable{name=scores, keyType=java.lang.String,"
                + " valueType=java.lang.Integer, Expiration{NONE}}");
  }
}
