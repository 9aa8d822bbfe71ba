package io.statefun.sdk.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.sdk.EgressType;
import io.statefun.sdk.IngressType;
import org.junit.jupiter.api.Test;

class SpecKindTest {
  private static final IngressIdentifier<String> IN =
      new IngressIdentifier<>(String.class, "test", "in");
  private static final EgressIdentifier<String> OUT =
      new EgressIdentifier<>("test", "out", String.class);

  /** A spec that does not name its kind. */
  private static final class PlainIngressSpec implements IngressSpec<String> {
    @Override
    public IngressIdentifier<String> id() {
      return IN;
    }
  }

  @Test
  void aSpecWithoutAKindOfItsOwnIsOfItsClassesKind() {
    assertThat(new PlainIngressSpec().type())
        .isEqualTo(new IngressType("io.statefun.sdk.io", "SpecKindTest$PlainIngressSpec"));

    EgressSpec<String> anonymous =
        new EgressSpec<>() {
          @Override
          public EgressIdentifier<String> id() {
            return OUT;
          }
        };
    assertThat(anonymous.type().namespace()).isEqualTo("io.statefun.sdk.io");
    assertThat(anonymous.type().type()).startsWith("SpecKindTest$").isNotEqualTo("SpecKindTest$");
  }

  @Test
  void aSpecMayNameItsKind() {
    EgressType kafka = new EgressType("statefun.kafka.io", "universal-egress");
    EgressSpec<String> spec =
        new EgressSpec<>() {
          @Override
          public EgressIdentifier<String> id() {
            return OUT;
          }

          @Override
          public EgressType type() {
            return kafka;
          }
        };

    assertThat(spec.type()).isEqualTo(kafka);
  }
}
