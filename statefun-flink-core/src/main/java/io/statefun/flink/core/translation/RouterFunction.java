package io.statefun.flink.core.translation;

import io.statefun.flink.core.config.FailurePolicy;
import io.statefun.flink.core.failure.DeadLetters;
import io.statefun.flink.core.message.Message;
import io.statefun.flink.core.metrics.CallGraphMetrics;
import io.statefun.flink.core.metrics.EdgeCounters;
import io.statefun.flink.core.universe.ModuleSet;
import io.statefun.sdk.Address;
import io.statefun.sdk.io.DeadLetter;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.io.Router;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Runs an ingress's routers on each record, chained to the ingress source. A router that throws
 * fails the task, or, under the {@code dead-letter} policy, turns the record into a dead letter (on
 * {@code deadLetterTag}, if the dead-letter egress is bound) and forwards nothing of it.
 */
final class RouterFunction<T> extends ProcessFunction<T, Message> {
  private static final long serialVersionUID = 1L;

  private final ModuleSet modules;
  private final IngressIdentifier<T> ingress;
  private final FailurePolicy policy;

  /** Null when no module binds the dead-letter egress. */
  private final OutputTag<Object> deadLetterTag;

  private transient List<Router<T>> routers;
  private transient CollectingDownstream<T> downstream;
  private transient DeadLetters deadLetters;

  RouterFunction(
      ModuleSet modules,
      IngressIdentifier<T> ingress,
      FailurePolicy policy,
      OutputTag<Object> deadLetterTag) {
    this.modules = modules;
    this.ingress = ingress;
    this.policy = policy;
    this.deadLetterTag = deadLetterTag;
  }

  @Override
  public void open(OpenContext openContext) {
    routers = modules.universe(getRuntimeContext().getUserCodeClassLoader()).routersOf(ingress);
    downstream =
        new CollectingDownstream<>(
            ingress,
            policy == FailurePolicy.DEAD_LETTER,
            new EdgeCounters(
                getRuntimeContext()
                    .getMetricGroup()
                    .addGroup(CallGraphMetrics.INGRESS, CallGraphMetrics.nameOf(ingress))));
    deadLetters =
        new DeadLetters(
            deadLetterTag != null, getRuntimeContext().getMetricGroup().counter("deadLetters"));
  }

  @Override
  public void processElement(T record, Context context, Collector<Message> out) {
    downstream.out = out;
    try {
      for (int i = 0; i < routers.size(); i++) {
        route(routers.get(i), record);
      }
    } catch (RouterException e) {
      if (policy != FailurePolicy.DEAD_LETTER) {
        throw e;
      }
      downstream.held.clear();
      deadLetter(record, context, e);
      return;
    }
    downstream.release();
  }

  private void route(Router<T> router, T record) {
    try {
      router.route(record, downstream);
    } catch (RuntimeException | LinkageError e) {
      throw new RouterException(ingress, router, record, e);
    }
  }

  private void deadLetter(T record, Context context, RouterException e) {
    DeadLetter letter =
        deadLetters.letter(
            DeadLetter.Cause.ROUTER,
            null,
            null,
            ingress.namespace() + "/" + ingress.name(),
            record,
            e);
    if (deadLetterTag != null) {
      context.output(deadLetterTag, letter);
    }
  }

  private static final class CollectingDownstream<T> implements Router.Downstream<T> {
    private final IngressIdentifier<T> ingress;

    /** Under dead-letter, a record's messages are held until all its routers succeeded. */
    private final boolean hold;

    private final EdgeCounters sent;
    final List<Message> held = new ArrayList<>();
    Collector<Message> out;

    CollectingDownstream(IngressIdentifier<T> ingress, boolean hold, EdgeCounters sent) {
      this.ingress = ingress;
      this.hold = hold;
      this.sent = sent;
    }

    @Override
    public void forward(Address to, Object message) {
      if (to == null || message == null) {
        throw new IllegalArgumentException(
            "a router of ingress "
                + ingress
                + " forwarded a null "
                + (to == null ? "address" : "message"));
      }
      Message routed = new Message(null, to, message);
      if (hold) {
        held.add(routed);
      } else {
        out.collect(routed);
        sent.sentTo(to.type());
      }
    }

    void release() {
      if (hold) {
        for (int i = 0; i < held.size(); i++) {
          Message routed = held.get(i);
          out.collect(routed);
          sent.sentTo(routed.target().type());
        }
        held.clear();
      }
    }
  }
}
