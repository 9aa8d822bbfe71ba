package io.statefun.sdk.state;

import static io.statefun.sdk.SerializationRoundTrip.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ExpirationTest {

  @Test
  void noneHasModeNoneAndZeroDuration() {
    assertThat(Expiration.none().mode()).isEqualTo(Expiration.Mode.NONE);
    assertThat(Expiration.none().duration()).isEqualTo(Duration.ZERO);
    assertThat(Expiration.none()).hasToString("Expiration{NONE}");
  }

  @Test
  void expireAfterWritingHasModeAfterWriteAndTheDuration() {
    Expiration expiration = Expiration.expireAfterWriting(Duration.ofMinutes(5));

    assertThat(expiration.mode()).isEqualTo(Expiration.Mode.AFTER_WRITE);
    assertThat(expiration.duration()).isEqualTo(Duration.ofMinutes(5));
    assertThat(expiration).hasToString("Expiration{AFTER_WRITE, PT5M}");
  }

  @Test
  void expireAfterReadingOrWritingHasModeAfterReadOrWriteAndTheDuration() {
    Expiration expiration = Expiration.expireAfterReadingOrWriting(Duration.ofSeconds(30));

    assertThat(expiration.mode()).isEqualTo(Expiration.Mode.AFTER_READ_OR_WRITE);
    assertThat(expiration.duration()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void expireAfterWritingRejectsNullZeroAndNegativeDurations() {
    assertRejectsNonPositiveDurations(Expiration::expireAfterWriting);
  }

  @Test
  void expireAfterReadingOrWritingRejectsNullZeroAndNegativeDurations() {
    assertRejectsNonPositiveDurations(Expiration::expireAfterReadingOrWriting);
  }

  private static void assertRejectsNonPositiveDurations(Function<Duration, Expiration> factory) {
    assertThatThrownBy(() -> factory.apply(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Expiration duration");
    assertThatThrownBy(() -> factory.apply(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Expiration duration");
    assertThatThrownBy(() -> factory.apply(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Expiration duration");
  }

  @Test
  void expirationsWithEqualModeAndDurationAreEqual() {
    assertThat(Expiration.expireAfterWriting(Duration.ofMinutes(1)))
        .isEqualTo(Expiration.expireAfterWriting(Duration.ofSeconds(60)))
        .hasSameHashCodeAs(Expiration.expireAfterWriting(Duration.ofSeconds(60)))
        .isNotEqualTo(Expiration.expireAfterWriting(Duration.ofMinutes(2)))
        .isNotEqualTo(Expiration.expireAfterReadingOrWriting(Duration.ofMinutes(1)))
        .isNotEqualTo(Expiration.none())
        .isNotEqualTo(null);
  }

  @Test
  void survivesJavaSerialization() {
    assertThat(roundTrip(Expiration.none())).isEqualTo(Expiration.none());
    assertThat(roundTrip(Expiration.expireAfterReadingOrWriting(Duration.ofHours(1))))
        .isEqualTo(Expiration.expireAfterReadingOrWriting(Duration.ofHours(1)));
  }

  @Test
  void theConstructorAndExpireAfterBuildWhatTheFactoriesBuild() {
    Duration fiveMinutes = Duration.ofMinutes(5);

    assertThat(new Expiration(Expiration.Mode.AFTER_WRITE, fiveMinutes))
        .isEqualTo(Expiration.expireAfterWriting(fiveMinutes));
    assertThat(Expiration.expireAfter(fiveMinutes, Expiration.Mode.AFTER_READ_OR_WRITE))
        .isEqualTo(Expiration.expireAfterReadingOrWriting(fiveMinutes));
    assertThat(new Expiration(Expiration.Mode.NONE, fiveMinutes)).isEqualTo(Expiration.none());
    assertThat(Expiration.expireAfter(Duration.ZERO, Expiration.Mode.NONE))
        .isSameAs(Expiration.none());
  }

  @Test
  void theConstructorRejectsAMissingModeOrAnEmptyDuration() {
    assertThatThrownBy(() -> new Expiration(null, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mode must not be null");
    assertThatThrownBy(() -> Expiration.expireAfter(Duration.ZERO, Expiration.Mode.AFTER_WRITE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be positive");
  }
}
