package io.statefun.flink.harness.chaos;

/** Thrown by the harness where a {@link Fault} fires. */
public final class InjectedFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  InjectedFailure(String message) {
    super(message);
  }
}
