package io.statefun.flink.harness.it;

import static io.statefun.flink.harness.it.ItSupport.awaitRecords;
import static io.statefun.flink.harness.it.ItSupport.subtaskOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.harness.HarnessJob;
import io.statefun.sdk.Address;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Messages between functions, within one subtask (delivered locally, never serialized) and across
 * subtasks (through the network and the feedback channel): every message arrives exactly once, at
 * the right address, with the sender as its caller.
 */
class MessagingTest {
  static final String NS = "it-messaging";
  static final IngressIdentifier<Send> SENDS = new IngressIdentifier<>(Send.class, NS, "sends");
  static final EgressIdentifier<Delivery> DELIVERIES =
      new EgressIdentifier<>(NS, "deliveries", Delivery.class);
  static final FunctionType SENDER = new FunctionType(NS, "sender");
  static final FunctionType RECEIVER = new FunctionType(NS, "receiver");

  static final int RECORDS = 300;
  static final int SENDERS = 30;

  /** Ingress record: {@code sender} sends message {@code seq} to both targets. */
  record Send(int seq, String sender, String sameSubtaskTarget, String otherSubtaskTarget) {}

  /** The message between functions; carries the subtask the sender ran on. */
  record Hop(int seq, int senderSubtask) {}

  /** What a receiver saw. */
  record Delivery(Address caller, Address self, int seq, int senderSubtask, int receiverSubtask) {}

  static Send sendAt(long index) {
    int seq = (int) index;
    String sender = "s-" + (seq % SENDERS);
    int senderSubtask = subtaskOf(new Address(SENDER, sender));
    return new Send(
        seq,
        sender,
        ItSupport.idWhere(RECEIVER, "same-" + seq, s -> s == senderSubtask),
        ItSupport.idWhere(RECEIVER, "other-" + seq, s -> s != senderSubtask));
  }

  static final class SenderFn implements StatefulFunction {
    @Override
    public void invoke(Context context, Object input) {
      Send send = (Send) input;
      Hop hop = new Hop(send.seq(), ItSupport.currentSubtask());
      context.send(RECEIVER, send.sameSubtaskTarget(), hop);
      context.send(new Address(RECEIVER, send.otherSubtaskTarget()), hop);
    }
  }

  static final class ReceiverFn implements StatefulFunction {
    @Override
    public void invoke(Context context, Object input) {
      Hop hop = (Hop) input;
      context.send(
          DELIVERIES,
          new Delivery(
              context.caller(),
              context.self(),
              hop.seq(),
              hop.senderSubtask(),
              ItSupport.currentSubtask()));
    }
  }

  static final class Module implements StatefulFunctionModule, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      binder.bindIngressRouter(
          SENDS, (send, downstream) -> downstream.forward(SENDER, send.sender(), send));
      binder.bindFunctionProvider(SENDER, type -> new SenderFn());
      binder.bindFunctionProvider(RECEIVER, type -> new ReceiverFn());
    }
  }

  private String sink;

  @BeforeEach
  void openSink() {
    ItSupport.clearSinks();
    sink = ItSupport.openSink("deliveries");
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void everyMessageArrivesOnceWithItsCallerWithinAndAcrossSubtasks(String backend)
      throws Exception {
    List<Delivery> expected = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      Send send = sendAt(i);
      Address sender = new Address(SENDER, send.sender());
      Address same = new Address(RECEIVER, send.sameSubtaskTarget());
      Address other = new Address(RECEIVER, send.otherSubtaskTarget());
      expected.add(new Delivery(sender, same, i, subtaskOf(sender), subtaskOf(same)));
      expected.add(new Delivery(sender, other, i, subtaskOf(sender), subtaskOf(other)));
    }
    assertThat(expected)
        .as("the plan has messages within a subtask and across, from senders on both subtasks")
        .anyMatch(d -> d.senderSubtask() == d.receiverSubtask())
        .anyMatch(d -> d.senderSubtask() != d.receiverSubtask())
        .anyMatch(d -> d.senderSubtask() == 0)
        .anyMatch(d -> d.senderSubtask() == 1);

    List<Delivery> delivered;
    try (HarnessJob job =
        ItSupport.harness(backend)
            .withModule(new Module())
            .withGeneratedIngress(SENDS, RECORDS, MessagingTest::sendAt)
            .withConsumingEgress(DELIVERIES, ItSupport.into(sink))
            .startAsync()) {
      delivered = awaitRecords(job, sink, expected.size());
      job.cancel();
    }

    // The subtasks the functions really ran on (from the task threads) match the key-group
    // placement the test planned with, so both the local and the remote path were taken.
    assertThat(delivered).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(delivered.stream().filter(d -> d.senderSubtask() == d.receiverSubtask()))
        .hasSize(RECORDS);
    assertThat(delivered.stream().filter(d -> d.senderSubtask() != d.receiverSubtask()))
        .hasSize(RECORDS);
  }
}
