package io.statefun.sdk.kafka.routable;

import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.io.Router;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sends each record's payload to every function type of its topic, at the id of its key. */
public final class RoutableKafkaRouter implements Router<RoutableKafkaRecord>, Serializable {
  private static final long serialVersionUID = 1L;

  private final IngressIdentifier<RoutableKafkaRecord> ingress;
  private final Map<String, List<FunctionType>> routes;

  RoutableKafkaRouter(
      IngressIdentifier<RoutableKafkaRecord> ingress, Map<String, List<FunctionType>> routes) {
    this.ingress = ingress;
    this.routes = new LinkedHashMap<>(routes);
  }

  @Override
  public void route(RoutableKafkaRecord record, Downstream<RoutableKafkaRecord> downstream) {
    List<FunctionType> targets = routes.get(record.topic());
    if (targets == null) {
      throw new IllegalStateException(
          "routable Kafka ingress "
              + ingress
              + " read a record of topic "
              + record.topic()
              + ", which has no route; routed topics: "
              + routes.keySet());
    }
    for (FunctionType target : targets) {
      downstream.forward(new Address(target, record.key()), record.payload());
    }
  }

  /** The function types of each topic. */
  public Map<String, List<FunctionType>> routes() {
    return Map.copyOf(routes);
  }
}
