package io.statefun.flink.core.translation;

import io.statefun.flink.core.message.Message;
import io.statefun.flink.core.metrics.CallGraphMetrics;
import io.statefun.flink.core.metrics.EdgeCounters;
import io.statefun.flink.core.universe.ModuleSet;
import io.statefun.sdk.Address;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.io.Router;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/** Runs an ingress's routers on each record, chained to the ingress source. */
final class RouterFunction<T> extends RichFlatMapFunction<T, Message> {
  private static final long serialVersionUID = 1L;

  private final ModuleSet modules;
  private final IngressIdentifier<T> ingress;

  private transient List<Router<T>> routers;
  private transient CollectingDownstream<T> downstream;

  RouterFunction(ModuleSet modules, IngressIdentifier<T> ingress) {
    this.modules = modules;
    this.ingress = ingress;
  }

  @Override
  public void open(OpenContext openContext) {
    routers = modules.universe(getRuntimeContext().getUserCodeClassLoader()).routersOf(ingress);
    downstream =
        new CollectingDownstream<>(
            ingress,
            new EdgeCounters(
                getRuntimeContext()
                    .getMetricGroup()
                    .addGroup(CallGraphMetrics.INGRESS, CallGraphMetrics.nameOf(ingress))));
  }

  @Override
  public void flatMap(T record, Collector<Message> out) {
    downstream.out = out;
    for (int i = 0; i < routers.size(); i++) {
      routers.get(i).route(record, downstream);
    }
  }

  private static final class CollectingDownstream<T> implements Router.Downstream<T> {
    private final IngressIdentifier<T> ingress;
    private final EdgeCounters sent;
    Collector<Message> out;

    CollectingDownstream(IngressIdentifier<T> ingress, EdgeCounters sent) {
      this.ingress = ingress;
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
      out.collect(new Message(null, to, message));
      sent.sentTo(to.type());
    }
  }
}
