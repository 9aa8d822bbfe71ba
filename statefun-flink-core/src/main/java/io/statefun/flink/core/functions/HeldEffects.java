package io.statefun.flink.core.functions;

import io.statefun.flink.core.message.Message;
import java.util.ArrayList;
import org.apache.flink.util.OutputTag;

/**
 * The sends and egress records of an invocation whose failure must leave no effect: held until the
 * invocation returns, then released to the outbox, or dropped if it threw. The lists are reused
 * from invocation to invocation. Task thread only.
 */
final class HeldEffects {
  private final ArrayList<Message> sends = new ArrayList<>();
  private final ArrayList<OutputTag<Object>> egressTags = new ArrayList<>();
  private final ArrayList<Object> egressRecords = new ArrayList<>();

  void send(Message message) {
    sends.add(message);
  }

  void egress(OutputTag<Object> tag, Object record) {
    egressTags.add(tag);
    egressRecords.add(record);
  }

  /** Places everything held, in the order it was sent. */
  void release(Outbox outbox) {
    for (int i = 0; i < sends.size(); i++) {
      outbox.placeChecked(sends.get(i));
    }
    for (int i = 0; i < egressTags.size(); i++) {
      outbox.emit(egressTags.get(i), egressRecords.get(i));
    }
    discard();
  }

  void discard() {
    if (!sends.isEmpty()) {
      sends.clear();
    }
    if (!egressTags.isEmpty()) {
      egressTags.clear();
      egressRecords.clear();
    }
  }
}
