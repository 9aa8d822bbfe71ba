package io.statefun.flink.core.config;

import java.util.Locale;
import org.apache.flink.annotation.PublicEvolving;

/** What the runtime does when user code or a payload fails on one message or record. */
@PublicEvolving
public enum FailurePolicy {
  /** The task fails and Flink's restart strategy decides (StateFun's behaviour). */
  FAIL("fail"),
  /**
   * The message or record goes to the dead-letter egress with its context, the failed invocation
   * leaves no effect, and processing continues.
   */
  DEAD_LETTER("dead-letter");

  private final String value;

  FailurePolicy(String value) {
    this.value = value;
  }

  /** The spelling in the configuration. */
  public String value() {
    return value;
  }

  /**
   * @throws IllegalArgumentException naming {@code key} if {@code text} is neither {@code fail} nor
   *     {@code dead-letter}
   */
  static FailurePolicy parse(String key, String text) {
    String normalized = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (FailurePolicy policy : values()) {
      if (policy.value.equals(normalized)) {
        return policy;
      }
    }
    throw new IllegalArgumentException(
        key + ": '" + text + "' is not a failure policy; use fail or dead-letter");
  }
}
