package io.statefun.sdk.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A bound state object reads and writes only through the accessor it was bound to. */
class ApiExtensionTest {
  private final List<String> calls = new ArrayList<>();

  @Test
  void boundValueReadsFromTheAccessor() {
    PersistedValue<String> value = PersistedValue.of("greeting", String.class);
    RecordingValueAccessor accessor = new RecordingValueAccessor();
    accessor.value = "stored";

    ApiExtension.bindValue(value, accessor);

    assertThat(value.get()).isEqualTo("stored");
    assertThat(value.getOrDefault("default")).isEqualTo("stored");
    assertThat(calls).containsExactly("get", "get");
  }

  @Test
  void boundValueDoesNotSeeWhatWasSetBeforeBinding() {
    PersistedValue<String> value = PersistedValue.of("greeting", String.class);
    value.set("in memory");

    ApiExtension.bindValue(value, new RecordingValueAccessor());

    assertThat(value.get()).isNull();
  }

  @Test
  void boundValueWritesAndClearsThroughTheAccessor() {
    PersistedValue<String> value = PersistedValue.of("greeting", String.class);
    RecordingValueAccessor accessor = new RecordingValueAccessor();
    ApiExtension.bindValue(value, accessor);

    value.set("hello");
    value.set(null);
    value.set("again");
    value.clear();

    assertThat(calls).containsExactly("set hello", "clear", "set again", "clear");
    assertThat(accessor.value).isNull();
  }

  @Test
  void boundValueUpdatesThroughTheAccessor() {
    PersistedValue<String> value = PersistedValue.of("greeting", String.class);
    RecordingValueAccessor accessor = new RecordingValueAccessor();
    accessor.value = "a";
    ApiExtension.bindValue(value, accessor);

    assertThat(value.updateAndGet(v -> v + "b")).isEqualTo("ab");

    assertThat(calls).containsExactly("get", "set ab");
    assertThat(accessor.value).isEqualTo("ab");
  }

  @Test
  void boundTableDelegatesEveryOperationToTheAccessor() {
    PersistedTable<String, Integer> table =
        PersistedTable.of("scores", String.class, Integer.class);
    RecordingTableAccessor accessor = new RecordingTableAccessor();
    ApiExtension.bindTable(table, accessor);

    table.set("alice", 1);
    table.set("bob", 2);
    table.set("bob", null);
    Integer alice = table.get("alice");
    table.remove("carol");

    assertThat(alice).isEqualTo(1);
    assertThat(table.entries()).containsExactly(entry("alice", 1));
    assertThat(table.keys()).containsExactly("alice");
    assertThat(table.values()).containsExactly(1);
    table.clear();
    assertThat(calls)
        .containsExactly(
            "set alice=1",
            "set bob=2",
            "remove bob",
            "get alice",
            "remove carol",
            "entries",
            "keys",
            "values",
            "clear");
    assertThat(accessor.entries).isEmpty();
  }

  @Test
  void boundBufferDelegatesEveryOperationToTheAccessor() {
    PersistedAppendingBuffer<String> buffer = PersistedAppendingBuffer.of("events", String.class);
    RecordingBufferAccessor accessor = new RecordingBufferAccessor();
    ApiExtension.bindAppendingBuffer(buffer, accessor);

    buffer.append("a");
    buffer.appendAll(List.of("b", "c"));
    buffer.replaceWith(List.of("x"));

    assertThat(buffer.view()).containsExactly("x");
    buffer.clear();
    assertThat(calls)
        .containsExactly("append a", "appendAll [b, c]", "replaceWith [x]", "view", "clear");
    assertThat(accessor.elements).isEmpty();
  }

  private final class RecordingValueAccessor implements ValueAccessor<String> {
    String value;

    @Override
    public String get() {
      calls.add("get");
      return value;
    }

    @Override
    public void set(String value) {
      calls.add("set " + value);
      this.value = value;
    }

    @Override
    public void clear() {
      calls.add("clear");
      value = null;
    }
  }

  private final class RecordingTableAccessor implements TableAccessor<String, Integer> {
    final Map<String, Integer> entries = new LinkedHashMap<>();

    @Override
    public Integer get(String key) {
      calls.add("get " + key);
      return entries.get(key);
    }

    @Override
    public void set(String key, Integer value) {
      calls.add("set " + key + "=" + value);
      entries.put(key, value);
    }

    @Override
    public void remove(String key) {
      calls.add("remove " + key);
      entries.remove(key);
    }

    @Override
    public Iterable<Map.Entry<String, Integer>> entries() {
      calls.add("entries");
      return entries.entrySet();
    }

    @Override
    public Iterable<String> keys() {
      calls.add("keys");
      return entries.keySet();
    }

    @Override
    public Iterable<Integer> values() {
      calls.add("values");
      return entries.values();
    }

    @Override
    public void clear() {
      calls.add("clear");
      entries.clear();
    }
  }

  private final class RecordingBufferAccessor implements AppendingBufferAccessor<String> {
    final List<String> elements = new ArrayList<>();

    @Override
    public void append(String element) {
      calls.add("append " + element);
      elements.add(element);
    }

    @Override
    public void appendAll(List<String> more) {
      calls.add("appendAll " + more);
      elements.addAll(more);
    }

    @Override
    public void replaceWith(List<String> replacement) {
      calls.add("replaceWith " + replacement);
      elements.clear();
      elements.addAll(replacement);
    }

    @Override
    public Iterable<String> view() {
      calls.add("view");
      return elements;
    }

    @Override
    public void clear() {
      calls.add("clear");
      elements.clear();
    }
  }
}
