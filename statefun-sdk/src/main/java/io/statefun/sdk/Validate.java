package io.statefun.sdk;

/** Argument checks shared by the SDK's value types. */
final class Validate {
  private Validate() {}

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
