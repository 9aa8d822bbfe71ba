package io.statefun.flink.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.flink.core.state.FakeKeyedStateFactory.FakeListState;
import io.statefun.flink.core.state.FakeKeyedStateFactory.FakeMapState;
import io.statefun.flink.core.state.FakeKeyedStateFactory.FakeValueState;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.annotations.Persisted;
import io.statefun.sdk.state.PersistedAppendingBuffer;
import io.statefun.sdk.state.PersistedStateRegistry;
import io.statefun.sdk.state.PersistedTable;
import io.statefun.sdk.state.PersistedValue;
import org.junit.jupiter.api.Test;

class PersistedStatesTest {
  private static final FunctionType TYPE = new FunctionType("ns", "fn");

  private final FakeKeyedStateFactory factory = new FakeKeyedStateFactory();

  private void bind(Object function) {
    PersistedStates.bind(TYPE, function, new FlinkStateBinder(TYPE, factory));
  }

  abstract static class BaseFunction implements StatefulFunction {
    @Persisted
    private final PersistedValue<Integer> inherited = PersistedValue.of("inherited", Integer.class);

    PersistedValue<Integer> inherited() {
      return inherited;
    }

    @Override
    public void invoke(Context context, Object input) {}
  }

  static final class Deeper {
    @Persisted
    final PersistedAppendingBuffer<String> deepBuffer =
        PersistedAppendingBuffer.of("deep-buffer", String.class);
  }

  static final class Nested {
    @Persisted
    final PersistedTable<String, Long> nestedTable =
        PersistedTable.of("nested-table", String.class, Long.class);

    @Persisted final Deeper deeper = new Deeper();
  }

  static final class RichFunction extends BaseFunction {
    @Persisted
    @SuppressWarnings("unused")
    static PersistedValue<String> staticState = PersistedValue.of("static", String.class);

    @Persisted final PersistedValue<String> own = PersistedValue.of("own", String.class);
    @Persisted final Nested nested = new Nested();
    @Persisted final PersistedStateRegistry registry = new PersistedStateRegistry();

    final PersistedValue<String> notAnnotated = PersistedValue.of("not-annotated", String.class);
    final PersistedValue<Integer> registeredEarly = PersistedValue.of("early", Integer.class);

    RichFunction() {
      registry.registerValue(registeredEarly);
    }
  }

  @Test
  void bindsSuperclassNestedAndRegisteredStateUnderQualifiedNames() {
    RichFunction function = new RichFunction();

    bind(function);

    assertThat(factory.names())
        .containsExactlyInAnyOrder(
            "ns.fn.inherited",
            "ns.fn.own",
            "ns.fn.nested-table",
            "ns.fn.deep-buffer",
            "ns.fn.early");
  }

  @Test
  void boundStateReadsAndWritesFlinkState() {
    RichFunction function = new RichFunction();
    bind(function);

    function.inherited().set(41);
    function.own.set("mine");
    function.nested.nestedTable.set("k", 7L);
    function.nested.deeper.deepBuffer.append("e1");
    function.registeredEarly.set(3);
    function.notAnnotated.set("stays in memory");

    assertThat(factory.<FakeValueState<Integer>>state("ns.fn.inherited").value).isEqualTo(41);
    assertThat(factory.<FakeValueState<String>>state("ns.fn.own").value).isEqualTo("mine");
    assertThat(factory.<FakeMapState<String, Long>>state("ns.fn.nested-table").map)
        .containsExactly(java.util.Map.entry("k", 7L));
    assertThat(factory.<FakeListState<String>>state("ns.fn.deep-buffer").list)
        .containsExactly("e1");
    assertThat(factory.<FakeValueState<Integer>>state("ns.fn.early").value).isEqualTo(3);
    assertThat(factory.states).doesNotContainKey("ns.fn.not-annotated");

    // And reads come from Flink state, not from a copy.
    factory.<FakeValueState<String>>state("ns.fn.own").value = "written by the backend";
    assertThat(function.own.get()).isEqualTo("written by the backend");
  }

  @Test
  void stateRegisteredAfterBindingIsBoundAtOnce() {
    RichFunction function = new RichFunction();
    bind(function);
    PersistedTable<String, String> late = PersistedTable.of("late", String.class, String.class);
    PersistedAppendingBuffer<Long> lateBuffer =
        PersistedAppendingBuffer.of("late-buffer", Long.class);

    function.registry.registerTable(late);
    function.registry.registerAppendingBuffer(lateBuffer);
    late.set("a", "b");
    lateBuffer.append(9L);

    assertThat(factory.names()).contains("ns.fn.late", "ns.fn.late-buffer");
    assertThat(factory.<FakeMapState<String, String>>state("ns.fn.late").map)
        .containsEntry("a", "b");
    assertThat(factory.<FakeListState<Long>>state("ns.fn.late-buffer").list).containsExactly(9L);
  }

  @Test
  void registeringAStateNamedLikeAFieldAfterBindingIsRejected() {
    RichFunction function = new RichFunction();
    bind(function);

    assertThatThrownBy(
            () -> function.registry.registerValue(PersistedValue.of("own", Integer.class)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ns/fn")
        .hasMessageContaining("own");
  }

  static final class SameNameTwice implements StatefulFunction {
    @Persisted final PersistedValue<String> first = PersistedValue.of("same", String.class);

    @Persisted
    final PersistedTable<String, String> second =
        PersistedTable.of("same", String.class, String.class);

    @Override
    public void invoke(Context context, Object input) {}
  }

  @Test
  void twoStatesWithTheSameNameAreRejectedNamingTypeAndState() {
    assertThatThrownBy(() -> bind(new SameNameTwice()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ns/fn")
        .hasMessageContaining("same");
  }

  static final class ClashesWithNested implements StatefulFunction {
    @Persisted
    final PersistedTable<String, Long> clash =
        PersistedTable.of("nested-table", String.class, Long.class);

    @Persisted final Nested nested = new Nested();

    @Override
    public void invoke(Context context, Object input) {}
  }

  @Test
  void aNestedStateClashingWithATopLevelOneIsRejected() {
    assertThatThrownBy(() -> bind(new ClashesWithNested()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ns/fn")
        .hasMessageContaining("nested-table");
  }

  static final class WithNullField implements StatefulFunction {
    @Persisted PersistedValue<String> missing;

    @Override
    public void invoke(Context context, Object input) {}
  }

  @Test
  void aNullPersistedFieldIsRejectedNamingTypeAndField() {
    assertThatThrownBy(() -> bind(new WithNullField()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ns/fn")
        .hasMessageContaining("missing");
  }

  static final class NestedWithNull {
    @Persisted PersistedTable<String, String> absentTable;
  }

  static final class WithNullNestedField implements StatefulFunction {
    @Persisted final NestedWithNull holder = new NestedWithNull();

    @Override
    public void invoke(Context context, Object input) {}
  }

  @Test
  void aNullPersistedFieldInANestedObjectIsRejectedNamingTypeAndField() {
    assertThatThrownBy(() -> bind(new WithNullNestedField()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ns/fn")
        .hasMessageContaining("absentTable");
  }

  static final class Cyclic implements StatefulFunction {
    @Persisted final Cyclic self = this;
    @Persisted final PersistedValue<Long> counter = PersistedValue.of("counter", Long.class);

    @Override
    public void invoke(Context context, Object input) {}
  }

  @Test
  void aCycleOfPersistedObjectsIsBoundOnce() {
    bind(new Cyclic());

    assertThat(factory.names()).containsExactly("ns.fn.counter");
  }

  static final class Stateless implements StatefulFunction {
    final String notState = "x";

    @Override
    public void invoke(Context context, Object input) {}
  }

  @Test
  void aFunctionWithoutStateBindsNothing() {
    bind(new Stateless());

    assertThat(factory.descriptors).isEmpty();
  }
}
