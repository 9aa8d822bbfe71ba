package io.statefun.flink.io;

import io.statefun.flink.core.io.StreamIngressSpec;
import io.statefun.flink.core.state.StateTypes;
import io.statefun.sdk.IngressType;
import io.statefun.sdk.io.IngressIdentifier;
import java.util.Objects;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * An ingress fed by any Flink (FLIP-27) {@link Source}. Keep the source unbounded: when a bounded
 * source ends, Flink finishes the job and messages still travelling between functions are lost.
 *
 * <pre>{@code
 * binder.bindIngress(new SourceIngressSpec<>(ORDERS, kafkaSource, WatermarkStrategy.noWatermarks()));
 * }</pre>
 */
@PublicEvolving
public final class SourceIngressSpec<T> implements StreamIngressSpec<T> {
  /** The kind of every ingress fed by a Flink source. */
  public static final IngressType TYPE = new IngressType("io.statefun.flink.io", "source");

  private final IngressIdentifier<T> id;
  private final Source<T, ?, ?> source;
  private final WatermarkStrategy<T> watermarks;
  private final TypeInformation<T> producedType;

  /** A spec whose record type information is derived from the identifier's class. */
  public SourceIngressSpec(
      IngressIdentifier<T> id, Source<T, ?, ?> source, WatermarkStrategy<T> watermarks) {
    this(id, source, watermarks, null);
  }

  /**
   * @param producedType the type information of the records, or null to derive it from the
   *     identifier's class
   */
  public SourceIngressSpec(
      IngressIdentifier<T> id,
      Source<T, ?, ?> source,
      WatermarkStrategy<T> watermarks,
      TypeInformation<T> producedType) {
    this.id = Objects.requireNonNull(id, "ingress id");
    this.source = Objects.requireNonNull(source, () -> "source of ingress " + id);
    this.watermarks =
        Objects.requireNonNull(watermarks, () -> "watermark strategy of ingress " + id);
    this.producedType = producedType;
  }

  @Override
  public IngressIdentifier<T> id() {
    return id;
  }

  @Override
  public IngressType type() {
    return TYPE;
  }

  @Override
  public DataStream<T> createStream(StreamExecutionEnvironment env) {
    TypeInformation<T> type =
        producedType != null ? producedType : StateTypes.of(id.producedType());
    return env.fromSource(source, watermarks, "ingress " + id, type);
  }
}
