package io.statefun.flink.core.functions;

import io.statefun.flink.core.feedback.FeedbackConsumer;
import io.statefun.flink.core.message.Message;
import java.util.ArrayDeque;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.streaming.api.operators.KeyContext;

/**
 * Delivers messages to the functions of this subtask: invokes a message's target function with the
 * shared {@link InvocationContext}, and queues the messages functions send to addresses of this
 * subtask. The queue is drained at most {@code maxBatch} messages at a time; the rest continues in
 * a later mail, so that checkpoints, timers and feedback are never starved by a local cycle. Task
 * thread only.
 */
final class LocalDelivery implements FeedbackConsumer<Message> {
  private final LiveFunctions functions;
  private final KeyContext keys;
  private final MailboxExecutor mailbox;
  private final int maxBatch;
  private final ArrayDeque<Message> queue = new ArrayDeque<>();
  private final MessageCounts counts;
  private InvocationContext context;
  private AtomicInvocation atomic;
  private FunctionFailures failures;
  private boolean continuationScheduled;

  LocalDelivery(
      LiveFunctions functions,
      KeyContext keys,
      MailboxExecutor mailbox,
      int maxBatch,
      MessageCounts counts) {
    this.functions = functions;
    this.keys = keys;
    this.mailbox = mailbox;
    this.maxBatch = maxBatch;
    this.counts = counts;
  }

  /**
   * The context every invocation gets. Set once, before the first delivery: the context's outbox
   * queues into this delivery, so the two cannot both be built first.
   */
  void deliverWith(InvocationContext context) {
    this.context = context;
  }

  /**
   * Applies the failure policy: set before the first delivery, only if some function type has the
   * dead-letter policy.
   */
  void failWith(FunctionFailures failures, AtomicInvocation atomic) {
    this.failures = failures;
    this.atomic = atomic;
  }

  /** Invokes the target of {@code message}, which must be the current key. */
  void invoke(Message message) {
    deliver(message);
    counts.finished(); // not if it threw: the task fails
  }

  private void deliver(Message message) {
    LiveFunction live;
    if (failures == null) {
      live = functions.of(message);
    } else {
      try {
        live = functions.of(message);
      } catch (UnknownFunctionTypeException e) {
        failures.unknownType(message, e);
        return;
      }
    }
    context.enter(live, message.target(), message.source());
    long started = live.invocations.started();
    if (live.atomic) {
      invokeAtomically(live, message, started);
      return;
    }
    try {
      live.function.invoke(context, message.payload());
    } catch (RuntimeException | Error e) {
      live.invocations.failed();
      throw new FunctionInvocationException(message, e);
    }
    live.invocations.succeeded(started);
  }

  /** All or nothing: a failure leaves no effect and becomes a dead letter. */
  private void invokeAtomically(LiveFunction live, Message message, long started) {
    atomic.begin();
    try {
      live.function.invoke(context, message.payload());
    } catch (RuntimeException e) {
      atomic.rollback();
      live.invocations.failed();
      live.invocations.deadLettered();
      failures.invocationFailed(message, new FunctionInvocationException(message, e));
      return;
    } catch (Error e) {
      atomic.rollback();
      live.invocations.failed();
      throw new FunctionInvocationException(message, e);
    }
    atomic.commit();
    live.invocations.succeeded(started);
  }

  /** Makes the target of {@code message} the current key and invokes it. */
  void invokeAt(Message message) {
    keys.setCurrentKey(message.target());
    invoke(message);
  }

  /** Queues a message to an address of this subtask. */
  void enqueue(Message message) {
    queue.addLast(message);
  }

  /** How many messages are queued; read by the metrics reporter thread, so only approximate. */
  int queued() {
    return queue.size();
  }

  /** Messages queued and not yet delivered, oldest first. */
  Iterable<Message> pending() {
    return queue;
  }

  /** Delivers queued messages, at most one batch; schedules the rest in a later mail. */
  void drain() {
    int budget = maxBatch;
    Message message;
    while ((message = queue.pollFirst()) != null) {
      invokeAt(message);
      if (--budget == 0) {
        continueLater();
        return;
      }
    }
  }

  /** Schedules a mail that drains the queue, unless one is scheduled or nothing is queued. */
  void continueLater() {
    if (!continuationScheduled && !queue.isEmpty()) {
      continuationScheduled = true;
      mailbox.execute(
          () -> {
            continuationScheduled = false;
            drain();
          },
          "statefun-local-messages");
    }
  }

  @Override
  public void processFeedback(Message message) {
    invokeAt(message);
  }

  @Override
  public void endOfFeedbackBatch() {
    drain();
  }
}
