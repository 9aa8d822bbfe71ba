package io.statefun.flink.state.modify;

/**
 * A savepoint's feedback log holds messages that were in flight in the loop. Rewriting the
 * functions operator's state would drop them, since the State Processor API neither reads nor
 * writes an operator's raw keyed state.
 */
public final class FeedbackLogNotEmptyException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  FeedbackLogNotEmptyException(String message, Throwable cause) {
    super(message, cause);
  }
}
