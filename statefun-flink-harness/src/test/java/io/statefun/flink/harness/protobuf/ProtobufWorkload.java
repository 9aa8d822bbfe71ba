package io.statefun.flink.harness.protobuf;

import com.google.protobuf.Any;
import com.google.protobuf.Field;
import com.google.protobuf.ListValue;
import com.google.protobuf.Option;
import com.google.protobuf.Struct;
import com.google.protobuf.Type;
import com.google.protobuf.Value;
import io.statefun.sdk.AsyncOperationResult;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.annotations.Persisted;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.spi.StatefulFunctionModule;
import io.statefun.sdk.state.PersistedValue;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Protobuf commands end to end: the ingress carries them, a relay keeps the last one in state,
 * sends a copy on, delays a copy and registers a copy as async metadata (never completed, so it is
 * in flight at any savepoint); every copy that comes back goes to the egress, itself a protobuf
 * egress. A command's name is {@code <kind>:<index>}; the rest of its content depends on the index
 * only, so a test can check that nothing was lost on the way.
 */
final class ProtobufWorkload {
  static final String NS = "pb-it";
  static final IngressIdentifier<Type> COMMANDS = new IngressIdentifier<>(Type.class, NS, "in");
  static final EgressIdentifier<Type> OUT = new EgressIdentifier<>(NS, "out", Type.class);
  static final FunctionType RELAY = new FunctionType(NS, "relay");
  static final FunctionType SINK = new FunctionType(NS, "sink");
  static final Duration DELAY = Duration.ofSeconds(3);

  private ProtobufWorkload() {}

  /**
   * Command {@code index} of {@code kind}: repeated strings and repeated nested messages, nested
   * messages, an {@code Any}, oneofs ({@code Value}'s kind) and an enum.
   */
  static Type command(String kind, int index) {
    ListValue.Builder stops = ListValue.newBuilder();
    for (int i = 0; i <= index % 5; i++) {
      stops.addValues(Value.newBuilder().setStringValue("stop-" + index + "-" + i));
    }
    Struct details =
        Struct.newBuilder()
            .putFields("index", Value.newBuilder().setNumberValue(index).build())
            .putFields("stops", Value.newBuilder().setListValue(stops).build())
            .putFields("urgent", Value.newBuilder().setBoolValue(index % 2 == 0).build())
            .build();
    Type.Builder command = Type.newBuilder().setName(kind + ":" + index);
    for (int i = 0; i < 3; i++) {
      command.addOneofs("arg-" + index + "-" + i);
      command.addFields(
          Field.newBuilder()
              .setName("f" + i)
              .setNumber(i + 1)
              .setKind(Field.Kind.TYPE_INT64)
              .addOptions(Option.newBuilder().setName("o" + i).setValue(Any.pack(details))));
    }
    return command.build();
  }

  static String kind(Type command) {
    return command.getName().substring(0, command.getName().indexOf(':'));
  }

  static int index(Type command) {
    return Integer.parseInt(command.getName().substring(command.getName().indexOf(':') + 1));
  }

  /** The same command as another kind. */
  static Type as(String kind, Type command) {
    return command.toBuilder().setName(kind + ":" + index(command)).build();
  }

  static final class RelayFn implements StatefulFunction {
    @Persisted private final PersistedValue<Type> last = PersistedValue.of("last", Type.class);

    @Override
    public void invoke(Context context, Object input) {
      if (input instanceof AsyncOperationResult<?, ?> result) {
        context.send(OUT, as(result.status().name(), (Type) result.metadata()));
        return;
      }
      Type command = (Type) input;
      if (kind(command).equals("poison")) {
        throw new IllegalStateException("poison command " + index(command));
      }
      if (kind(command).equals("check")) {
        context.send(OUT, as("state", last.get()));
        return;
      }
      last.set(command);
      String sink = "sink-" + index(command);
      context.send(SINK, sink, as("direct", command));
      context.sendAfter(DELAY, SINK, sink, as("delayed", command));
      context.registerAsyncOperation(as("async", command), new CompletableFuture<String>());
    }
  }

  static final class SinkFn implements StatefulFunction {
    @Override
    public void invoke(Context context, Object input) {
      context.send(OUT, (Type) input);
    }
  }

  static final class Module implements StatefulFunctionModule, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      binder.bindIngressRouter(
          COMMANDS, (command, out) -> out.forward(RELAY, "relay-" + index(command), command));
      binder.bindFunctionProvider(RELAY, type -> new RelayFn());
      binder.bindFunctionProvider(SINK, type -> new SinkFn());
    }
  }
}
