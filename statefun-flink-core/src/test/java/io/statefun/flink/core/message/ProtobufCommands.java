package io.statefun.flink.core.message;

import com.google.protobuf.Any;
import com.google.protobuf.Field;
import com.google.protobuf.ListValue;
import com.google.protobuf.Option;
import com.google.protobuf.Struct;
import com.google.protobuf.Type;
import com.google.protobuf.Value;

/**
 * A protobuf command shaped like the ones of StateFun's end-to-end tests, built from protobuf's own
 * well-known types so no code needs generating: repeated strings and repeated nested messages (the
 * unmodifiable lists Kryo trips over), nested messages, an {@code Any}, oneofs ({@code Value}'s
 * kind) and an enum.
 */
public final class ProtobufCommands {
  private ProtobufCommands() {}

  /** A command {@code op} with argument {@code arg} and {@code n} repeated entries. */
  public static Type command(String op, String arg, int n) {
    ListValue.Builder stops = ListValue.newBuilder();
    for (int i = 0; i < n; i++) {
      stops.addValues(Value.newBuilder().setStringValue("stop-" + i));
    }
    Struct details =
        Struct.newBuilder()
            .putFields("arg", Value.newBuilder().setStringValue(arg).build())
            .putFields("count", Value.newBuilder().setNumberValue(n).build())
            .putFields("stops", Value.newBuilder().setListValue(stops).build())
            .putFields(
                "nested",
                Value.newBuilder()
                    .setStructValue(
                        Struct.newBuilder()
                            .putFields("flag", Value.newBuilder().setBoolValue(true).build()))
                    .build())
            .build();
    Type.Builder command = Type.newBuilder().setName(op).addOneofs(arg);
    for (int i = 0; i < n; i++) {
      command.addOneofs("arg-" + i);
      command.addFields(
          Field.newBuilder()
              .setName("field-" + i)
              .setNumber(i + 1)
              .setKind(Field.Kind.TYPE_STRING)
              .addOptions(Option.newBuilder().setName("o").setValue(Any.pack(details))));
    }
    return command
        .addOptions(Option.newBuilder().setName("details").setValue(Any.pack(details)))
        .build();
  }

  /** The command's operation. */
  public static String op(Type command) {
    return command.getName();
  }

  /** The command's argument. */
  public static String arg(Type command) {
    return command.getOneofs(0);
  }
}
