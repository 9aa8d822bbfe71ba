package io.statefun.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.sdk.AsyncOperationResult.Status;
import org.junit.jupiter.api.Test;

class AsyncOperationResultTest {

  @Test
  void successCarriesMetadataAndValue() {
    AsyncOperationResult<String, Integer> result = AsyncOperationResult.success("lookup", 42);

    assertThat(result.status()).isEqualTo(Status.SUCCESS);
    assertThat(result.successful()).isTrue();
    assertThat(result.failure()).isFalse();
    assertThat(result.unknown()).isFalse();
    assertThat(result.metadata()).isEqualTo("lookup");
    assertThat(result.value()).isEqualTo(42);
    assertThat(result.throwable()).isNull();
  }

  @Test
  void successMayCarryANullValue() {
    AsyncOperationResult<String, Integer> result = AsyncOperationResult.success("lookup", null);

    assertThat(result.successful()).isTrue();
    assertThat(result.value()).isNull();
  }

  @Test
  void failureCarriesMetadataAndThrowable() {
    RuntimeException cause = new RuntimeException("boom");
    AsyncOperationResult<String, Integer> result = AsyncOperationResult.failure("lookup", cause);

    assertThat(result.status()).isEqualTo(Status.FAILURE);
    assertThat(result.successful()).isFalse();
    assertThat(result.failure()).isTrue();
    assertThat(result.unknown()).isFalse();
    assertThat(result.metadata()).isEqualTo("lookup");
    assertThat(result.value()).isNull();
    assertThat(result.throwable()).isSameAs(cause);
  }

  @Test
  void failureRejectsANullThrowable() {
    assertThatThrownBy(() -> AsyncOperationResult.failure("lookup", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("throwable");
  }

  @Test
  void unknownCarriesOnlyMetadata() {
    AsyncOperationResult<String, Integer> result = AsyncOperationResult.unknown("lookup");

    assertThat(result.status()).isEqualTo(Status.UNKNOWN);
    assertThat(result.successful()).isFalse();
    assertThat(result.failure()).isFalse();
    assertThat(result.unknown()).isTrue();
    assertThat(result.metadata()).isEqualTo("lookup");
    assertThat(result.value()).isNull();
    assertThat(result.throwable()).isNull();
  }

  @Test
  void toStringShowsStatusMetadataAndOutcome() {
    assertThat(AsyncOperationResult.success("m", 1))
        .hasToString("AsyncOperationResult{status=SUCCESS, metadata=m, value=1}");
    assertThat(AsyncOperationResult.failure("m", new IllegalStateException("x")))
        .hasToString(
            "AsyncOperationResult{status=FAILURE, metadata=m,"
                + " throwable=java.lang.IllegalStateException: x}");
    assertThat(AsyncOperationResult.unknown("m"))
        .hasToString("AsyncOperationResult{status=UNKNOWN, metadata=m}");
  }

  @Test
  void theConstructorBuildsEveryKindOfResult() {
    RuntimeException cause = new RuntimeException("boom");

    AsyncOperationResult<String, Integer> success =
        new AsyncOperationResult<>("lookup", Status.SUCCESS, 7, null);
    AsyncOperationResult<String, Integer> failure =
        new AsyncOperationResult<>("lookup", Status.FAILURE, null, cause);
    AsyncOperationResult<String, Integer> unknown =
        new AsyncOperationResult<>("lookup", Status.UNKNOWN, null, null);

    assertThat(success.successful()).isTrue();
    assertThat(success.value()).isEqualTo(7);
    assertThat(success.metadata()).isEqualTo("lookup");
    assertThat(failure.failure()).isTrue();
    assertThat(failure.throwable()).isSameAs(cause);
    assertThat(unknown.unknown()).isTrue();
    assertThat(unknown.value()).isNull();
  }

  @Test
  void theConstructorRejectsOutcomesThatDoNotFitTheStatus() {
    RuntimeException cause = new RuntimeException("boom");

    assertThatThrownBy(() -> new AsyncOperationResult<>("m", null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("status");
    assertThatThrownBy(() -> new AsyncOperationResult<>("m", Status.FAILURE, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("FAILURE result needs a throwable");
    assertThatThrownBy(() -> new AsyncOperationResult<>("m", Status.SUCCESS, 1, cause))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SUCCESS result carries no throwable");
    assertThatThrownBy(() -> new AsyncOperationResult<>("m", Status.UNKNOWN, 1, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("UNKNOWN result carries no value");
  }
}
