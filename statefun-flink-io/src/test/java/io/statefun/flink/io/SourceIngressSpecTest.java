package io.statefun.flink.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.sdk.io.IngressIdentifier;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.SourceTransformation;
import org.junit.jupiter.api.Test;

class SourceIngressSpecTest {
  private static final IngressIdentifier<Long> ID =
      new IngressIdentifier<>(Long.class, "io-test", "numbers");

  private final StreamExecutionEnvironment env =
      StreamExecutionEnvironment.getExecutionEnvironment();
  private final NumberSequenceSource source = new NumberSequenceSource(1, 3);

  @Test
  void addsItsSourceToTheEnvironmentAsTheStreamsOwnTransformation() {
    DataStream<Long> stream =
        new SourceIngressSpec<>(ID, source, WatermarkStrategy.noWatermarks()).createStream(env);

    assertThat(stream.getTransformation()).isInstanceOf(SourceTransformation.class);
    SourceTransformation<?, ?, ?> transformation =
        (SourceTransformation<?, ?, ?>) stream.getTransformation();
    assertThat(transformation.getSource()).isSameAs(source);
    assertThat(transformation.getName()).isEqualTo("ingress " + ID);
  }

  @Test
  void typeInformationComesFromTheIdentifierUnlessGiven() {
    assertThat(
            new SourceIngressSpec<>(ID, source, WatermarkStrategy.noWatermarks())
                .createStream(env)
                .getType())
        .isEqualTo(Types.LONG);
    assertThat(
            new SourceIngressSpec<>(
                    ID, source, WatermarkStrategy.noWatermarks(), Types.GENERIC(Long.class))
                .createStream(env)
                .getType())
        .isEqualTo(Types.GENERIC(Long.class));
  }

  @Test
  void missingPartsAreNamedWithTheIngress() {
    assertThatThrownBy(
            () -> new SourceIngressSpec<>(null, source, WatermarkStrategy.noWatermarks()))
        .hasMessage("ingress id");
    assertThatThrownBy(() -> new SourceIngressSpec<>(ID, null, WatermarkStrategy.noWatermarks()))
        .hasMessage("source of ingress " + ID);
    assertThatThrownBy(() -> new SourceIngressSpec<>(ID, source, null))
        .hasMessage("watermark strategy of ingress " + ID);
  }
}
