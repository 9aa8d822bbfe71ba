package io.statefun.flink.core.feedback;

/**
 * The layout of one key group's feedback log in raw keyed state: {@code MAGIC, VERSION, count},
 * then {@code count} messages in the envelope format. Every key group of the subtask is written,
 * empty ones with count 0, so a restore can read any key group the same way.
 */
final class LogFormat {
  static final int MAGIC = 0x5346_4c47; // "SFLG"
  static final int VERSION = 1;

  private LogFormat() {}
}
