package io.statefun.flink.io;

import io.statefun.flink.core.io.StreamEgressSpec;
import io.statefun.sdk.EgressType;
import io.statefun.sdk.io.EgressIdentifier;
import java.util.Objects;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;

/** An egress that writes to any Flink Sink V2 {@link Sink}. */
@PublicEvolving
public final class SinkEgressSpec<T> implements StreamEgressSpec<T> {
  /** The kind of every egress that writes to a Flink sink. */
  public static final EgressType TYPE = new EgressType("io.statefun.flink.io", "sink");

  private final EgressIdentifier<T> id;
  private final Sink<T> sink;

  public SinkEgressSpec(EgressIdentifier<T> id, Sink<T> sink) {
    this.id = Objects.requireNonNull(id, "egress id");
    this.sink = Objects.requireNonNull(sink, () -> "sink of egress " + id);
  }

  @Override
  public EgressIdentifier<T> id() {
    return id;
  }

  @Override
  public EgressType type() {
    return TYPE;
  }

  @Override
  public DataStreamSink<T> attach(DataStream<T> records) {
    return records.sinkTo(sink);
  }
}
