package io.statefun.flink.core.functions;

import static io.statefun.flink.core.functions.FunctionGroupHarness.settings;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Type;
import io.statefun.flink.core.functions.ProtobufFunction.Received;
import io.statefun.flink.core.message.Message;
import io.statefun.flink.core.message.MessageTypeInfo;
import io.statefun.flink.core.message.PayloadSerializerKind;
import io.statefun.flink.core.message.ProtobufCommands;
import io.statefun.sdk.AsyncOperationResult;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A protobuf command with repeated, nested and {@code Any} fields (which Kryo cannot copy) passes
 * every edge of the function operator with the kryo and a custom serializer configured: remote
 * sends, serialized local sends, the feedback log of a checkpoint, delayed messages and async
 * metadata across a restore. On both backends.
 */
class ProtobufEdgesTest {
  private static final String JAVA =
      "io.statefun.flink.core.message.JavaSerializationPayloadSerializer";

  @BeforeEach
  void reset() {
    ProtobufFunction.RECEIVED.clear();
  }

  private static Map<String, String> config(String backend, String serializer, String... more) {
    Map<String, String> settings =
        settings("state.backend.type", backend, "statefun.message.serializer", serializer);
    settings.putAll(settings(more));
    return settings;
  }

  private static Type command(String op, String arg) {
    return ProtobufCommands.command(op, arg, 4);
  }

  @ParameterizedTest
  @CsvSource({"hashmap,kryo", "rocksdb,kryo", "hashmap," + JAVA, "rocksdb," + JAVA})
  void aRemoteSendCrossesTheNetworkEdge(String backend, String serializer) throws Exception {
    Map<String, String> settings = config(backend, serializer);
    Type command;
    byte[] onTheWire;
    try (FunctionGroupHarness h = FunctionGroupHarness.open(2, 0, settings)) {
      String remote = id(h, "r", false);
      command = command("send", remote);
      h.process(null, ProtobufFunction.address(id(h, "sender", true)), command);
      Message sent = h.remote().get(0);
      assertThat(sent.payload()).isEqualTo(ProtobufFunction.arrived(command));
      onTheWire = write(serializer, sent);
    }
    Message received = read(serializer, onTheWire);
    try (FunctionGroupHarness h = FunctionGroupHarness.open(1, 0, settings)) {
      h.harness.processElement(
          new org.apache.flink.streaming.runtime.streamrecord.StreamRecord<>(received));
    }
    assertThat(last().input()).isEqualTo(ProtobufFunction.arrived(command));
    assertThat(last().caller()).startsWith("sender");
  }

  @ParameterizedTest
  @CsvSource({"hashmap,kryo", "rocksdb,kryo", "hashmap," + JAVA, "rocksdb," + JAVA})
  void aSerializedLocalSendArrivesAsAnEqualCopy(String backend, String serializer)
      throws Exception {
    try (FunctionGroupHarness h =
        FunctionGroupHarness.open(
            2, 0, config(backend, serializer, "statefun.local.serialize", "true"))) {
      String local = id(h, "l", true);
      Type command = command("send", local);
      h.process(null, ProtobufFunction.address(id(h, "sender", true)), command);

      assertThat(h.remote()).isEmpty();
      Object arrived = last().input();
      assertThat(arrived).isEqualTo(ProtobufFunction.arrived(command));
      assertThat(last().self()).isEqualTo(local);
    }
  }

  @ParameterizedTest
  @CsvSource({"hashmap,kryo", "rocksdb,kryo", "hashmap," + JAVA, "rocksdb," + JAVA})
  void feedbackInTheCheckpointLogIsReplayedOnRestore(String backend, String serializer)
      throws Exception {
    Map<String, String> settings = config(backend, serializer);
    OperatorSubtaskState state;
    Type command = command("arrived", "x");
    String target;
    try (FunctionGroupHarness h = FunctionGroupHarness.open(2, 0, settings)) {
      target = id(h, "f", true);
      Message fedBack =
          new Message(
              ProtobufFunction.address(id(h, "from", false)),
              ProtobufFunction.address(target),
              command);
      state = h.checkpoint(1, List.of(fedBack));
    }
    reset();
    try (FunctionGroupHarness h = FunctionGroupHarness.restore(2, 0, settings, state)) {
      h.runMails();
      assertThat(receivedBy(target)).containsExactly(command);
    }
  }

  @ParameterizedTest
  @CsvSource({"hashmap,kryo", "rocksdb,kryo", "hashmap," + JAVA, "rocksdb," + JAVA})
  void aDelayedMessageInStateSurvivesARestore(String backend, String serializer) throws Exception {
    Map<String, String> settings = config(backend, serializer);
    OperatorSubtaskState state;
    Type command;
    String target;
    try (FunctionGroupHarness h = FunctionGroupHarness.open(2, 0, settings)) {
      target = id(h, "d", true);
      command = command("after", target);
      h.process(null, ProtobufFunction.address(id(h, "sender", true)), command);
      state = h.checkpoint(1, List.of());
    }
    reset();
    try (FunctionGroupHarness h = FunctionGroupHarness.restore(2, 0, settings, state)) {
      h.harness.setProcessingTime(Long.MAX_VALUE / 2);
      h.runMails();
      assertThat(receivedBy(target)).containsExactly(ProtobufFunction.arrived(command));
    }
  }

  @ParameterizedTest
  @CsvSource({"hashmap,kryo", "rocksdb,kryo", "hashmap," + JAVA, "rocksdb," + JAVA})
  void asyncMetadataInStateComesBackAfterARestore(String backend, String serializer)
      throws Exception {
    Map<String, String> settings = config(backend, serializer);
    OperatorSubtaskState state;
    Type command;
    String owner;
    try (FunctionGroupHarness h = FunctionGroupHarness.open(2, 0, settings)) {
      owner = id(h, "a", true);
      command = command("async", owner);
      h.process(null, ProtobufFunction.address(owner), command);
      state = h.checkpoint(1, List.of());
    }
    reset();
    try (FunctionGroupHarness h = FunctionGroupHarness.restore(2, 0, settings, state)) {
      h.runMails();
      List<Object> inputs = receivedBy(owner);
      assertThat(inputs).hasSize(1);
      AsyncOperationResult<?, ?> result = (AsyncOperationResult<?, ?>) inputs.get(0);
      assertThat(result.unknown()).isTrue();
      assertThat(result.metadata()).isEqualTo(ProtobufFunction.arrived(command));
    }
  }

  /** An id of the protobuf function type inside (or outside) the harness's key groups. */
  private static String id(FunctionGroupHarness h, String prefix, boolean inside) {
    return FunctionGroupHarness.idWhere(h.keyGroups, ProtobufFunction.TYPE, prefix, inside);
  }

  private static Received last() {
    List<Received> all = List.copyOf(ProtobufFunction.RECEIVED);
    assertThat(all).isNotEmpty();
    return all.get(all.size() - 1);
  }

  private static List<Object> receivedBy(String id) {
    return ProtobufFunction.RECEIVED.stream()
        .filter(r -> r.self().equals(id))
        .map(Received::input)
        .collect(Collectors.toList());
  }

  private static TypeSerializer<Message> serializer(String kind) {
    return new MessageTypeInfo(
            PayloadSerializerKind.parse(kind, ProtobufEdgesTest.class.getClassLoader()))
        .createSerializer(new SerializerConfigImpl());
  }

  private static byte[] write(String kind, Message message) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(256);
    serializer(kind).serialize(message, out);
    return out.getCopyOfBuffer();
  }

  private static Message read(String kind, byte[] bytes) throws Exception {
    return serializer(kind).deserialize(new DataInputDeserializer(bytes));
  }
}
