package io.statefun.sdk.kafka.routable;

import io.statefun.sdk.FunctionType;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.kafka.KafkaIngressAutoResetPosition;
import io.statefun.sdk.kafka.KafkaIngressBuilder;
import io.statefun.sdk.kafka.KafkaIngressSpec;
import io.statefun.sdk.kafka.KafkaIngressStartupPosition;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Declares a Kafka ingress whose records go straight to functions, without router code: each topic
 * is routed to one or more function types, a record's key (UTF-8) is the id, and its value is in
 * {@link TypedRecordFormat}.
 *
 * <pre>{@code
 * RoutableKafkaIngressBuilder.forIdentifier(GREETINGS_IN)
 *     .withKafkaAddress("kafka:9092")
 *     .withRoute("names", GreeterFn.TYPE)
 *     .bindTo(binder);   // binds the ingress and its router
 * }</pre>
 *
 * <p>A record without a key or not in the format fails the job with an error naming the ingress,
 * topic, partition and offset. Start position, group and properties work as on {@link
 * KafkaIngressBuilder}.
 */
public final class RoutableKafkaIngressBuilder {
  private final IngressIdentifier<RoutableKafkaRecord> id;
  private final KafkaIngressBuilder<RoutableKafkaRecord> kafka;
  private final Map<String, List<FunctionType>> routes = new LinkedHashMap<>();

  private RoutableKafkaIngressBuilder(IngressIdentifier<RoutableKafkaRecord> id) {
    this.id = Objects.requireNonNull(id, "ingress id");
    this.kafka =
        KafkaIngressBuilder.forIdentifier(id).withDeserializer(new RoutableKafkaDeserializer());
  }

  public static RoutableKafkaIngressBuilder forIdentifier(
      IngressIdentifier<RoutableKafkaRecord> id) {
    return new RoutableKafkaIngressBuilder(id);
  }

  /** Reads {@code topic} and sends each of its records to every one of {@code targets}. */
  public RoutableKafkaIngressBuilder withRoute(String topic, FunctionType... targets) {
    Objects.requireNonNull(topic, "topic");
    if (targets.length == 0) {
      throw new IllegalArgumentException(
          "route of topic " + topic + " in ingress " + id + " names no function type");
    }
    List<FunctionType> types = routes.computeIfAbsent(topic, t -> new ArrayList<>());
    if (types.isEmpty()) {
      kafka.withTopic(topic);
    }
    for (FunctionType target : targets) {
      types.add(Objects.requireNonNull(target, () -> "a target of topic " + topic));
    }
    return this;
  }

  public RoutableKafkaIngressBuilder withKafkaAddress(String kafkaAddress) {
    kafka.withKafkaAddress(kafkaAddress);
    return this;
  }

  public RoutableKafkaIngressBuilder withConsumerGroupId(String consumerGroupId) {
    kafka.withConsumerGroupId(consumerGroupId);
    return this;
  }

  public RoutableKafkaIngressBuilder withStartupPosition(KafkaIngressStartupPosition position) {
    kafka.withStartupPosition(position);
    return this;
  }

  public RoutableKafkaIngressBuilder withAutoResetPosition(KafkaIngressAutoResetPosition position) {
    kafka.withAutoResetPosition(position);
    return this;
  }

  public RoutableKafkaIngressBuilder withProperty(String name, String value) {
    kafka.withProperty(name, value);
    return this;
  }

  public RoutableKafkaIngressBuilder withProperties(Properties properties) {
    kafka.withProperties(properties);
    return this;
  }

  /** The ingress spec; bind it together with {@link #router()}, or use {@link #bindTo}. */
  public KafkaIngressSpec<RoutableKafkaRecord> build() {
    if (routes.isEmpty()) {
      throw new IllegalArgumentException(
          "routable Kafka ingress " + id + " has no route: add one with withRoute(topic, types)");
    }
    return kafka.build();
  }

  /** The router that sends each record to the function types of its topic. */
  public RoutableKafkaRouter router() {
    return new RoutableKafkaRouter(id, routes);
  }

  /** Binds the ingress and its router. */
  public void bindTo(StatefulFunctionModule.Binder binder) {
    binder.bindIngress(build());
    binder.bindIngressRouter(id, router());
  }
}
