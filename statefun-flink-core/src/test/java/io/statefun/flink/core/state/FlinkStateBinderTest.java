package io.statefun.flink.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.StringValue;
import io.statefun.flink.core.state.FakeKeyedStateFactory.FakeListState;
import io.statefun.flink.core.state.FakeKeyedStateFactory.FakeMapState;
import io.statefun.flink.core.state.FakeKeyedStateFactory.FakeValueState;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.state.Expiration;
import io.statefun.sdk.state.PersistedAppendingBuffer;
import io.statefun.sdk.state.PersistedTable;
import io.statefun.sdk.state.PersistedValue;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class FlinkStateBinderTest {
  private static final FunctionType TYPE = new FunctionType("shop", "cart");

  private final FakeKeyedStateFactory factory = new FakeKeyedStateFactory();
  private final FlinkStateBinder binder = new FlinkStateBinder(TYPE, factory);

  @Test
  void stateNameIsNamespaceTypeAndState() {
    assertThat(FlinkStateBinder.stateName(TYPE, "items")).isEqualTo("shop.cart.items");
  }

  @Test
  void eachKindBecomesTheMatchingFlinkState() {
    binder.bindValue(PersistedValue.of("v", Integer.class));
    binder.bindTable(PersistedTable.of("t", String.class, Integer.class));
    binder.bindAppendingBuffer(PersistedAppendingBuffer.of("b", String.class));

    assertThat(factory.descriptor("shop.cart.v").getType()).isEqualTo(StateDescriptor.Type.VALUE);
    assertThat(factory.descriptor("shop.cart.t").getType()).isEqualTo(StateDescriptor.Type.MAP);
    assertThat(factory.descriptor("shop.cart.b").getType()).isEqualTo(StateDescriptor.Type.LIST);
  }

  private StateTtlConfig ttlOf(String state) {
    return factory.descriptor(FlinkStateBinder.stateName(TYPE, state)).getTtlConfig();
  }

  @Test
  void expireAfterWritingSetsOnCreateAndWriteTtl() {
    Expiration expiration = Expiration.expireAfterWriting(Duration.ofMinutes(5));
    binder.bindValue(PersistedValue.of("v", Integer.class, expiration));
    binder.bindTable(PersistedTable.of("t", String.class, Integer.class, expiration));
    binder.bindAppendingBuffer(PersistedAppendingBuffer.of("b", String.class, expiration));

    for (String state : List.of("v", "t", "b")) {
      StateTtlConfig ttl = ttlOf(state);
      assertThat(ttl.isEnabled()).as(state).isTrue();
      assertThat(ttl.getUpdateType())
          .as(state)
          .isEqualTo(StateTtlConfig.UpdateType.OnCreateAndWrite);
      assertThat(ttl.getTimeToLive()).as(state).isEqualTo(Duration.ofMinutes(5));
      assertThat(ttl.getStateVisibility())
          .as(state)
          .isEqualTo(StateTtlConfig.StateVisibility.NeverReturnExpired);
    }
  }

  @Test
  void expireAfterReadingOrWritingSetsOnReadAndWriteTtl() {
    Expiration expiration = Expiration.expireAfterReadingOrWriting(Duration.ofSeconds(30));
    binder.bindValue(PersistedValue.of("v", Integer.class, expiration));
    binder.bindTable(PersistedTable.of("t", String.class, Integer.class, expiration));
    binder.bindAppendingBuffer(PersistedAppendingBuffer.of("b", String.class, expiration));

    for (String state : List.of("v", "t", "b")) {
      StateTtlConfig ttl = ttlOf(state);
      assertThat(ttl.isEnabled()).as(state).isTrue();
      assertThat(ttl.getUpdateType()).as(state).isEqualTo(StateTtlConfig.UpdateType.OnReadAndWrite);
      assertThat(ttl.getTimeToLive()).as(state).isEqualTo(Duration.ofSeconds(30));
    }
  }

  @Test
  void noExpirationMeansNoTtl() {
    binder.bindValue(PersistedValue.of("v", Integer.class));
    binder.bindTable(PersistedTable.of("t", String.class, Integer.class, Expiration.none()));
    binder.bindAppendingBuffer(PersistedAppendingBuffer.of("b", String.class));

    for (String state : List.of("v", "t", "b")) {
      assertThat(ttlOf(state).isEnabled()).as(state).isFalse();
    }
  }

  @Test
  void bindingTheSameNameTwiceIsRejectedNamingTypeAndState() {
    binder.bindValue(PersistedValue.of("dup", Integer.class));

    assertThatThrownBy(
            () -> binder.bindAppendingBuffer(PersistedAppendingBuffer.of("dup", String.class)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("shop/cart")
        .hasMessageContaining("dup");
    assertThat(factory.names()).containsExactly("shop.cart.dup");
  }

  @Test
  void theSameNameInAnotherFunctionTypeIsFine() {
    FlinkStateBinder other = new FlinkStateBinder(new FunctionType("shop", "checkout"), factory);
    binder.bindValue(PersistedValue.of("total", Long.class));
    other.bindValue(PersistedValue.of("total", Long.class));

    assertThat(factory.names()).containsExactly("shop.cart.total", "shop.checkout.total");
  }

  @Test
  void aFailingStateFactoryIsReportedNamingTypeAndState() {
    FlinkStateBinder failing =
        new FlinkStateBinder(
            TYPE,
            new KeyedStateFactory() {
              @Override
              public <S extends org.apache.flink.api.common.state.State> S create(
                  StateDescriptor<S, ?> descriptor) throws Exception {
                throw new Exception("backend down");
              }
            });

    assertThatThrownBy(() -> failing.bindValue(PersistedValue.of("v", Integer.class)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("shop/cart")
        .hasMessageContaining("shop.cart.v")
        .hasRootCauseMessage("backend down");
  }

  @Test
  void valueAccessorReadsWritesAndClears() {
    PersistedValue<Integer> value = PersistedValue.of("v", Integer.class);
    binder.bindValue(value);
    FakeValueState<Integer> state = factory.state("shop.cart.v");

    assertThat(value.get()).isNull();
    value.set(5);
    assertThat(state.value).isEqualTo(5);
    assertThat(value.updateAndGet(v -> v + 1)).isEqualTo(6);
    assertThat(state.value).isEqualTo(6);
    value.set(null);
    assertThat(state.value).isNull();
    value.set(1);
    value.clear();
    assertThat(state.value).isNull();
  }

  @Test
  void tableAccessorReadsWritesAndAnswersEmptyForNoEntries() {
    PersistedTable<String, Integer> table = PersistedTable.of("t", String.class, Integer.class);
    binder.bindTable(table);
    FakeMapState<String, Integer> state = factory.state("shop.cart.t");

    assertThat(table.entries()).isNotNull().isEmpty();
    assertThat(table.keys()).isNotNull().isEmpty();
    assertThat(table.values()).isNotNull().isEmpty();

    table.set("a", 1);
    table.set("b", 2);
    assertThat(state.map).containsEntry("a", 1).containsEntry("b", 2);
    assertThat(table.get("a")).isEqualTo(1);
    assertThat(table.keys()).containsExactlyInAnyOrder("a", "b");
    table.set("a", null);
    table.remove("b");
    assertThat(state.map).isEmpty();
    table.set("c", 3);
    table.clear();
    assertThat(state.map).isEmpty();
  }

  @Test
  void bufferAccessorAppendsReplacesAndAnswersEmptyForNoElements() {
    PersistedAppendingBuffer<String> buffer = PersistedAppendingBuffer.of("b", String.class);
    binder.bindAppendingBuffer(buffer);
    FakeListState<String> state = factory.state("shop.cart.b");

    assertThat(buffer.view()).isNotNull().isEmpty();
    buffer.append("x");
    buffer.appendAll(List.of("y", "z"));
    assertThat(state.list).containsExactly("x", "y", "z");
    assertThat(buffer.view()).containsExactly("x", "y", "z");
    buffer.replaceWith(List.of("only"));
    assertThat(state.list).containsExactly("only");
    buffer.clear();
    assertThat(state.list).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void protobufStateTypesUseTheProtobufSerializer() throws Exception {
    binder.bindValue(PersistedValue.of("proto", StringValue.class));
    StateDescriptor<?, StringValue> descriptor =
        (StateDescriptor<?, StringValue>) factory.descriptor("shop.cart.proto");
    descriptor.initializeSerializerUnlessSet(new ExecutionConfig());

    TypeSerializer<StringValue> serializer = descriptor.getSerializer();
    assertThat(serializer).isInstanceOf(ProtobufTypeSerializer.class);
    DataOutputSerializer out = new DataOutputSerializer(16);
    serializer.serialize(StringValue.of("in state"), out);
    assertThat(serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer())))
        .isEqualTo(StringValue.of("in state"));
  }

  @Test
  void aStateThatCannotBeReadBackNamesTheFunctionTypeAndTheState() {
    KeyedStateFactory broken =
        new KeyedStateFactory() {
          @Override
          @SuppressWarnings("unchecked")
          public <S extends org.apache.flink.api.common.state.State> S create(
              StateDescriptor<S, ?> descriptor) {
            return (S)
                java.lang.reflect.Proxy.newProxyInstance(
                    getClass().getClassLoader(),
                    new Class<?>[] {
                      org.apache.flink.api.common.state.ValueState.class,
                      org.apache.flink.api.common.state.MapState.class,
                      org.apache.flink.api.common.state.ListState.class
                    },
                    (proxy, method, args) -> {
                      throw new java.io.IOException("Unable to resolve reference for String");
                    });
          }
        };
    FlinkStateBinder brokenBinder = new FlinkStateBinder(TYPE, broken);
    PersistedValue<Integer> value = PersistedValue.of("seen", Integer.class);
    PersistedTable<String, Integer> table = PersistedTable.of("items", String.class, Integer.class);
    PersistedAppendingBuffer<String> buffer = PersistedAppendingBuffer.of("log", String.class);
    brokenBinder.bindValue(value);
    brokenBinder.bindTable(table);
    brokenBinder.bindAppendingBuffer(buffer);

    assertThatThrownBy(value::get)
        .hasMessageContaining("state 'seen' of function type " + TYPE)
        .hasRootCauseMessage("Unable to resolve reference for String");
    assertThatThrownBy(() -> table.get("a")).hasMessageContaining("state 'items' of function type");
    assertThatThrownBy(buffer::view).hasMessageContaining("state 'log' of function type");
  }
}
