package io.statefun.flink.core.failure;

import org.apache.flink.annotation.Internal;

/**
 * A bounded, never-throwing rendering of a record or payload for error messages and dead letters:
 * its class and the start of its {@code toString()}, so a huge or hostile record cannot flood a log
 * or break the error path.
 */
@Internal
public final class RecordRendering {
  /** Characters of {@code toString()} kept; the rest is cut with a marker. */
  public static final int MAX_CHARS = 256;

  private RecordRendering() {}

  public static String of(Object record) {
    if (record == null) {
      return "null";
    }
    String text;
    try {
      text = String.valueOf(record);
    } catch (RuntimeException | LinkageError e) {
      text = "<toString() threw " + e.getClass().getName() + ">";
    }
    if (text.length() > MAX_CHARS) {
      text = text.substring(0, MAX_CHARS) + "… (" + text.length() + " chars)";
    }
    return record.getClass().getName() + " " + text;
  }
}
