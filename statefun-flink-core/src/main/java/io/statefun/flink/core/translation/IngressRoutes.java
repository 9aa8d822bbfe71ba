package io.statefun.flink.core.translation;

import io.statefun.flink.core.config.FailurePolicy;
import io.statefun.flink.core.io.IoSpecTranslators;
import io.statefun.flink.core.io.StreamIngressSpec;
import io.statefun.flink.core.message.Message;
import io.statefun.flink.core.message.MessageTypeInfo;
import io.statefun.flink.core.universe.ModuleSet;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.io.IngressSpec;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;

/** The ingress half of a pipeline: each bound ingress as its source followed by its router. */
final class IngressRoutes {
  private IngressRoutes() {}

  /**
   * The routed messages of ingress {@code spec}; its router's dead letters on {@code
   * deadLetterTag}.
   */
  static <T> SingleOutputStreamOperator<Message> route(
      StreamExecutionEnvironment env,
      IngressSpec<T> spec,
      IoSpecTranslators translators,
      ModuleSet modules,
      MessageTypeInfo messageType,
      long bufferTimeoutMs,
      String name,
      FailurePolicy policy,
      OutputTag<Object> deadLetterTag) {
    IngressIdentifier<T> id = spec.id();
    StreamIngressSpec<T> streamSpec = translators.ingress(spec);
    if (streamSpec == null) {
      throw new IllegalStateException(
          "ingress "
              + id
              + " is bound with a "
              + spec.getClass().getName()
              + ", which the Flink runtime cannot run: use a spec from statefun-flink-io or"
              + " statefun-kafka-io (with statefun-flink-io on the class path), or implement "
              + StreamIngressSpec.class.getName()
              + ")");
    }
    SingleOutputStreamOperator<T> source = asOperator(streamSpec.createStream(env), id, name);
    return source
        .process(new RouterFunction<>(modules, id, policy, deadLetterTag), messageType)
        .uid(Uids.scoped(name, Uids.router(id)))
        .name("router " + id)
        .setBufferTimeout(bufferTimeoutMs);
  }

  private static <T> SingleOutputStreamOperator<T> asOperator(
      DataStream<T> stream, IngressIdentifier<T> id, String name) {
    if (stream instanceof SingleOutputStreamOperator) {
      return ((SingleOutputStreamOperator<T>) stream)
          .uid(Uids.scoped(name, Uids.ingress(id)))
          .name("ingress " + id);
    }
    throw new IllegalStateException(
        "the spec of ingress " + id + " must return its source's own stream (env.fromSource)");
  }
}
