package io.statefun.flink.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.sdk.io.EgressIdentifier;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.SinkTransformation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SinkEgressSpecTest {
  private static final EgressIdentifier<String> ID =
      new EgressIdentifier<>("io-test", "words", String.class);

  private final CollectingSink<String> sink = new CollectingSink<>("sink-egress-spec-test");

  @AfterEach
  void forget() {
    sink.forget();
  }

  @Test
  void attachesItsSinkToTheRecords() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    DataStreamSink<String> attached = new SinkEgressSpec<>(ID, sink).attach(env.fromData("a", "b"));

    assertThat(attached.getTransformation()).isInstanceOf(SinkTransformation.class);
    assertThat(((SinkTransformation<?, ?>) attached.getTransformation()).getSink()).isSameAs(sink);
    assertThat(new SinkEgressSpec<>(ID, sink).id()).isEqualTo(ID);
  }

  @Test
  void missingPartsAreNamedWithTheEgress() {
    assertThatThrownBy(() -> new SinkEgressSpec<>(null, sink)).hasMessage("egress id");
    assertThatThrownBy(() -> new SinkEgressSpec<>(ID, null)).hasMessage("sink of egress " + ID);
  }
}
