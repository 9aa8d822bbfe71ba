package io.statefun.sdk.io;

/** Argument checks for identifiers. */
final class Identifiers {
  private Identifiers() {}

  static String nonEmpty(String value, String what) {
    if (value == null) {
      throw new IllegalArgumentException(what + " must not be null");
    }
    if (value.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    return value;
  }
}
