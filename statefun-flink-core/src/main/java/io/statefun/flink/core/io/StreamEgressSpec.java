package io.statefun.flink.core.io;

import io.statefun.sdk.io.EgressSpec;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;

/** An egress the runtime can attach to a Flink stream. */
@PublicEvolving
public interface StreamEgressSpec<T> extends EgressSpec<T> {

  /**
   * Consumes {@code records} (everything functions sent to this egress). The runtime sets the
   * returned sink's uid and name from the egress id.
   */
  DataStreamSink<T> attach(DataStream<T> records);
}
