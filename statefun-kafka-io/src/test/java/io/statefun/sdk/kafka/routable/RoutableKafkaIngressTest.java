package io.statefun.sdk.kafka.routable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.io.Router;
import io.statefun.sdk.kafka.KafkaIngressSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class RoutableKafkaIngressTest {
  private static final IngressIdentifier<RoutableKafkaRecord> ID =
      new IngressIdentifier<>(RoutableKafkaRecord.class, "test", "routable");
  private static final FunctionType A = new FunctionType("test", "a");
  private static final FunctionType B = new FunctionType("test", "b");

  @Test
  void formatRoundTripsKnownAndUnknownTypes() {
    assertThat(TypedRecordFormat.decode(TypedRecordFormat.encodeString("héllo")))
        .isEqualTo("héllo");
    assertThat(TypedRecordFormat.decode(TypedRecordFormat.encodeLong(-42L))).isEqualTo(-42L);
    assertThat((byte[]) TypedRecordFormat.decode(TypedRecordFormat.encodeBytes(new byte[] {1, 2})))
        .containsExactly(1, 2);
    assertThat(TypedRecordFormat.decode(TypedRecordFormat.encode("my.app/Order", new byte[] {7})))
        .isEqualTo(new TypedValue("my.app/Order", new byte[] {7}));
  }

  @Test
  void malformedValuesSayWhatIsWrong() {
    assertThatThrownBy(() -> TypedRecordFormat.decode("plain".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("version");
    assertThatThrownBy(() -> TypedRecordFormat.decode(new byte[] {1, 0}))
        .hasMessageContaining("header");
    assertThatThrownBy(() -> TypedRecordFormat.decode(new byte[] {1, 0, 9, 65}))
        .hasMessageContaining("does not fit");
    assertThatThrownBy(
            () ->
                TypedRecordFormat.decode(
                    TypedRecordFormat.encode(TypedRecordFormat.LONG, new byte[3])))
        .hasMessageContaining("8 bytes");
  }

  @Test
  void routesEachTopicToItsTypesAtTheKey() {
    RoutableKafkaIngressBuilder builder =
        RoutableKafkaIngressBuilder.forIdentifier(ID)
            .withKafkaAddress("a:1")
            .withRoute("left", A)
            .withRoute("both", A, B);
    KafkaIngressSpec<RoutableKafkaRecord> spec = builder.build();
    assertThat(spec.topics()).containsExactly("left", "both");

    RoutableKafkaRecord record =
        spec.deserializer()
            .deserialize(
                new ConsumerRecord<>(
                    "both",
                    0,
                    5L,
                    "id-1".getBytes(StandardCharsets.UTF_8),
                    TypedRecordFormat.encodeString("payload")));
    List<String> forwarded = new ArrayList<>();
    builder
        .router()
        .route(
            record,
            new Router.Downstream<>() {
              @Override
              public void forward(Address to, Object message) {
                forwarded.add(to + "=" + message);
              }
            });

    assertThat(forwarded)
        .containsExactly(new Address(A, "id-1") + "=payload", new Address(B, "id-1") + "=payload");
  }

  @Test
  void aRecordWithoutKeyIsRefused() {
    KafkaIngressSpec<RoutableKafkaRecord> spec =
        RoutableKafkaIngressBuilder.forIdentifier(ID)
            .withKafkaAddress("a:1")
            .withRoute("t", A)
            .build();
    assertThatThrownBy(
            () ->
                spec.deserializer()
                    .deserialize(
                        new ConsumerRecord<>("t", 0, 0L, null, TypedRecordFormat.encodeLong(1))))
        .hasMessageContaining("no key");
  }

  @Test
  void anIngressWithoutRoutesIsRefused() {
    assertThatThrownBy(
            () -> RoutableKafkaIngressBuilder.forIdentifier(ID).withKafkaAddress("a:1").build())
        .hasMessageContaining("test/routable")
        .hasMessageContaining("no route");
  }
}
