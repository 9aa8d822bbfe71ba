package io.statefun.flink.harness.timers;

import io.statefun.sdk.Address;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;

/**
 * Functions that exercise {@code sendAfter} and {@code cancelDelayedMessage}. An ingress record
 * {@link Start} picks a scenario; a scheduler address (one per start record) sends delayed messages
 * to a receiver address or to itself, and everything observable is reported to {@link #EVENTS}.
 */
final class DelayedWorkload {
  static final FunctionType SCHEDULER = new FunctionType("timers", "scheduler");
  static final FunctionType RECEIVER = new FunctionType("timers", "receiver");

  static final IngressIdentifier<Start> STARTS =
      new IngressIdentifier<>(Start.class, "timers", "starts");
  static final EgressIdentifier<Event> EVENTS =
      new EgressIdentifier<>("timers", "events", Event.class);

  /**
   * Scenario 1: the delays, deliberately not in due order. Every other one goes to another address
   * (maybe another subtask), and consecutive ones are 400 ms apart: a hop that a loaded machine
   * delays by a few hundred milliseconds still arrives in order.
   */
  static final long[] ORDER_DELAYS = {1_800, 200, 1_000, 600, 1_400};

  /**
   * The cancel scenario: t1 is cancelled by a reply from another address, a round trip that must
   * end before t1 is due, however slow the machine (the invocation that sends t1 alone took 1.8 s
   * under load once: its first sendAfter set up RocksDB's timer state); t2 (the control) is due
   * later.
   */
  static final long CANCEL_T1_DELAY = 6_000;

  static final long CANCEL_CONTROL_DELAY = 6_200;
  static final long DUP_DELAY = 300;

  /**
   * The survive scenario: the job must be stopped with a savepoint before this is due, which takes
   * a few seconds on a loaded machine.
   */
  static final long SURVIVE_DELAY = 10_000;

  /** Far beyond any test's end: such a message can only be observed through its token. */
  static final long LATE_DELAY = 60_000;

  private DelayedWorkload() {}

  /** Starts {@code scenario} at scheduler {@code scenario-n}. */
  record Start(String scenario, int n) implements Serializable {}

  /** A delayed message: what it is, how long it was delayed, and when it was sent. */
  record Delayed(String label, long delay, long sentAt) implements Serializable {}

  /** Asks the scheduler to cancel one of its pending messages. */
  record Cancel(String token) implements Serializable {}

  /**
   * Asks another scheduler to schedule a message under its own token, then reply {@link Cancel}.
   */
  record ScheduleOwn(String token) implements Serializable {}

  /** A message the scheduler sends itself after a failed {@code sendAfter}. */
  record Later() implements Serializable {}

  /** Asks the scheduler to reuse a token whose message already fired. */
  record Again() implements Serializable {}

  /**
   * Everything the test observes.
   *
   * @param kind {@code arrived}, {@code error}, {@code later}, {@code cancelled}, {@code scheduled}
   * @param label the delayed message's label, or what was cancelled
   * @param self the reporting address, as {@link #name(Address)}
   * @param caller the current message's caller, as {@link #name(Address)}, or null
   * @param at when the event happened (wall clock, ms)
   */
  record Event(
      String kind,
      String label,
      String self,
      String caller,
      long delay,
      long sentAt,
      long at,
      String detail)
      implements Serializable {}

  static Address scheduler(String id) {
    return new Address(SCHEDULER, id);
  }

  static Address receiver(String id) {
    return new Address(RECEIVER, id);
  }

  /** {@code type-name/id}, e.g. {@code scheduler/order-0}. */
  static String name(Address address) {
    return address.type().name() + "/" + address.id();
  }

  static Event event(Context context, String kind, String label, String detail) {
    Address caller = context.caller();
    return new Event(
        kind,
        label,
        name(context.self()),
        caller == null ? null : name(caller),
        0,
        0,
        System.currentTimeMillis(),
        detail);
  }

  /** Reports a delayed message's arrival; shared by both function types. */
  static void arrived(Context context, Delayed delayed) {
    long now = System.currentTimeMillis();
    Address caller = context.caller();
    context.send(
        EVENTS,
        new Event(
            "arrived",
            delayed.label(),
            name(context.self()),
            caller == null ? null : name(caller),
            delayed.delay(),
            delayed.sentAt(),
            now,
            null));
  }

  static void sendAfter(Context context, long delay, Address to, String label, String token) {
    Delayed message = new Delayed(label, delay, System.currentTimeMillis());
    if (token == null) {
      context.sendAfter(Duration.ofMillis(delay), to, message);
    } else {
      context.sendAfter(Duration.ofMillis(delay), to, message, token);
    }
  }

  /** Runs the scenarios. */
  static final class SchedulerFn implements StatefulFunction {
    @Override
    public void invoke(Context context, Object input) {
      if (input instanceof Delayed) {
        arrived(context, (Delayed) input);
      } else if (input instanceof Start) {
        start(context, (Start) input);
      } else if (input instanceof Cancel) {
        String token = ((Cancel) input).token();
        context.cancelDelayedMessage(token);
        context.send(EVENTS, event(context, "cancelled", token, null));
      } else if (input instanceof ScheduleOwn) {
        String token = ((ScheduleOwn) input).token();
        sendAfter(context, CANCEL_T1_DELAY, receiver(context.self().id()), "other-" + token, token);
        context.reply(new Cancel(token));
      } else if (input instanceof Later) {
        context.send(EVENTS, event(context, "later", "later", null));
      } else if (input instanceof Again) {
        // The message under "dup" has fired, so the token is free again.
        sendAfter(context, 100, receiver(context.self().id()), "third", "dup");
      } else {
        throw new IllegalArgumentException("unexpected " + input);
      }
    }

    private static void start(Context context, Start start) {
      Address self = context.self();
      Address receiver = receiver(self.id());
      switch (start.scenario()) {
        case "order":
          // Alternate targets: the receiver (maybe another subtask) and the scheduler itself.
          for (int i = 0; i < ORDER_DELAYS.length; i++) {
            long delay = ORDER_DELAYS[i];
            sendAfter(context, delay, i % 2 == 0 ? receiver : self, "d" + delay, null);
          }
          break;
        case "cancel":
          sendAfter(context, CANCEL_T1_DELAY, receiver, "t1", "t1");
          sendAfter(context, CANCEL_CONTROL_DELAY, receiver, "t2", "t2");
          // Cancelled in the same invocation.
          sendAfter(context, 500, receiver, "t3", "t3");
          context.cancelDelayedMessage("t3");
          // A cancelled token is free again: only the second message is delivered.
          sendAfter(context, 500, receiver, "t4-first", "t4");
          context.cancelDelayedMessage("t4");
          sendAfter(context, 600, receiver, "t4-second", "t4");
          // Unknown tokens are ignored.
          context.cancelDelayedMessage("never-registered");
          // Another sender's "t1" is scheduled before this sender cancels its own "t1", and must
          // survive that: tokens are per sender. It replies Cancel("t1"), which cancels ours.
          context.send(scheduler(self.id() + "-other"), new ScheduleOwn("t1"));
          break;
        case "dup":
          sendAfter(context, DUP_DELAY, receiver, "first", "dup");
          try {
            sendAfter(context, DUP_DELAY, receiver, "second", "dup");
            context.send(EVENTS, event(context, "accepted", "second", null));
          } catch (IllegalArgumentException e) {
            context.send(EVENTS, event(context, "error", "second", e.getMessage()));
          }
          try {
            context.sendAfter(Duration.ofMillis(-1), receiver, new Delayed("negative", -1, 0));
            context.send(EVENTS, event(context, "accepted", "negative", null));
          } catch (IllegalArgumentException e) {
            context.send(EVENTS, event(context, "error", "negative", e.getMessage()));
          }
          context.send(self, new Later());
          break;
        case "survive":
          sendAfter(context, SURVIVE_DELAY, receiver, "keep-" + start.n(), "keep");
          sendAfter(context, SURVIVE_DELAY, receiver, "drop-" + start.n(), "drop");
          sendAfter(context, SURVIVE_DELAY, self, "self-" + start.n(), null);
          // Cancelled only by the restored job.
          sendAfter(context, LATE_DELAY, receiver, "late-" + start.n(), "late");
          context.send(self, new Cancel("drop"));
          break;
        case "survive-cancel":
          // In the restored job: cancel a message scheduled before the savepoint; its token is
          // then free again.
          context.cancelDelayedMessage("late");
          try {
            sendAfter(context, 200, receiver, "late-again-" + start.n(), "late");
          } catch (IllegalArgumentException e) {
            context.send(
                EVENTS, event(context, "error", "late-again-" + start.n(), e.getMessage()));
          }
          break;
        default:
          throw new IllegalArgumentException("unknown scenario " + start.scenario());
      }
    }
  }

  /** Reports what arrives; asks the "dup" scheduler to reuse its token once "first" arrived. */
  static final class ReceiverFn implements StatefulFunction {
    @Override
    public void invoke(Context context, Object input) {
      Delayed delayed = (Delayed) input;
      arrived(context, delayed);
      if (delayed.label().equals("first")) {
        context.reply(new Again());
      }
    }
  }

  /** Binds both function types and routes each start record to its scheduler. */
  static final class Module implements StatefulFunctionModule, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      binder.bindFunctionProvider(SCHEDULER, type -> new SchedulerFn());
      binder.bindFunctionProvider(RECEIVER, type -> new ReceiverFn());
      binder.bindIngressRouter(
          STARTS,
          (start, downstream) ->
              downstream.forward(
                  scheduler(
                      (start.scenario().equals("survive-cancel") ? "survive" : start.scenario())
                          + "-"
                          + start.n()),
                  start));
    }
  }
}
