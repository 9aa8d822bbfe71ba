package io.statefun.flink.core.io;

import io.statefun.sdk.io.IngressSpec;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * An ingress the runtime can turn into a Flink stream. Every ingress spec bound in a module must
 * implement it (the specs of {@code statefun-flink-io} and the harness do).
 */
@PublicEvolving
public interface StreamIngressSpec<T> extends IngressSpec<T> {

  /**
   * Adds this ingress's source to {@code env}. The runtime sets the returned stream's uid and name
   * from the ingress id, so the stream should be the source's own output.
   */
  DataStream<T> createStream(StreamExecutionEnvironment env);
}
