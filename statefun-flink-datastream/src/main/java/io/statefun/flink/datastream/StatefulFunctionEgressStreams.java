package io.statefun.flink.datastream;

import io.statefun.flink.core.translation.StatefulFunctionsPipeline;
import io.statefun.sdk.io.EgressIdentifier;
import java.util.Objects;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The egresses of a statefun pipeline as streams of the DataStream program. */
public final class StatefulFunctionEgressStreams {
  private final StatefulFunctionsPipeline pipeline;

  StatefulFunctionEgressStreams(StatefulFunctionsPipeline pipeline) {
    this.pipeline = pipeline;
  }

  /**
   * Everything functions send to {@code id} (with {@code context.send(id, record)}), as a stream:
   * egresses registered with {@link StatefulFunctionDataStreamBuilder#withEgressId} and those the
   * mixed-in modules bind.
   *
   * @throws IllegalArgumentException naming the bound egresses if {@code id} is not one of them
   */
  public <T> DataStream<T> getDataStreamForEgressId(EgressIdentifier<T> id) {
    return pipeline.egressStream(Objects.requireNonNull(id, "egress id"));
  }
}
