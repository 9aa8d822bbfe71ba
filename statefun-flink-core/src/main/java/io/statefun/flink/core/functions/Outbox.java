package io.statefun.flink.core.functions;

import io.statefun.flink.core.message.Message;
import io.statefun.sdk.Address;
import io.statefun.sdk.io.EgressIdentifier;
import java.util.Map;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Places what functions send: a message to an address of this subtask joins the local queue (never
 * serialized), any other message goes to the operator's main output (and round the loop to its
 * subtask), an egress record goes to its egress's side output. Task thread only.
 */
final class Outbox {
  private final KeyPlacement placement;
  private final LocalDelivery local;
  private final Output<StreamRecord<Message>> output;
  private final Map<EgressIdentifier<?>, OutputTag<Object>> egressTags;
  private final MessageCounts counts;
  private final StreamRecord<Message> remoteRecord = new StreamRecord<>(null);
  private final StreamRecord<Object> egressRecord = new StreamRecord<>(null);
  private EgressIdentifier<?> lastEgress;
  private OutputTag<Object> lastEgressTag;

  /**
   * Null unless local messages are serialized as remote ones are ({@code
   * statefun.local.serialize}).
   */
  private SerializationCheck localCheck;

  Outbox(
      KeyPlacement placement,
      LocalDelivery local,
      Output<StreamRecord<Message>> output,
      Map<EgressIdentifier<?>, OutputTag<Object>> egressTags,
      MessageCounts counts) {
    this.placement = placement;
    this.local = local;
    this.output = output;
    this.egressTags = egressTags;
    this.counts = counts;
  }

  /** Serializes and reads back every local message; set before the first one. */
  void checkLocalWith(SerializationCheck check) {
    this.localCheck = check;
  }

  void send(Address from, Address to, Object payload) {
    place(new Message(from, to, payload));
  }

  void place(Message message) {
    placeChecked(checked(message));
  }

  /**
   * The message as it will be placed: read back from its serialized form if it is local and local
   * messages are checked.
   *
   * @throws IllegalArgumentException naming sender, target and payload class if it cannot travel
   */
  Message checked(Message message) {
    if (localCheck == null || !placement.isLocal(message.target())) {
      return message;
    }
    return localCheck.roundTrip(message, "sent");
  }

  /** Places a message that {@link #checked} returned. */
  void placeChecked(Message message) {
    counts.accepted(); // before it is placed: a receiver may finish it before this returns
    if (placement.isLocal(message.target())) {
      local.enqueue(message);
    } else {
      output.collect(remoteRecord.replace(message));
    }
  }

  /**
   * @throws IllegalArgumentException naming the sender and the bound egresses if no module binds
   *     {@code egress}
   */
  <T> void sendToEgress(Address from, EgressIdentifier<T> egress, T record) {
    emit(egressTag(from, egress), record);
  }

  /**
   * @throws IllegalArgumentException naming the sender and the bound egresses if no module binds
   *     {@code egress}
   */
  OutputTag<Object> egressTag(Address from, EgressIdentifier<?> egress) {
    // Functions usually emit through one constant identifier: skip the map for it.
    OutputTag<Object> tag = egress == lastEgress ? lastEgressTag : egressTags.get(egress);
    if (tag == null) {
      throw new IllegalArgumentException(
          from
              + " sent to egress "
              + egress
              + ", which no module binds; bound: "
              + egressTags.keySet());
    }
    lastEgress = egress;
    lastEgressTag = tag;
    return tag;
  }

  void emit(OutputTag<Object> tag, Object record) {
    output.collect(tag, egressRecord.replace(record));
  }
}
