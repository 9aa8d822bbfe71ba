package io.statefun.sdk.internal;

/** Argument checks shared by the SDK's value types; not part of the API. */
public final class Validate {
  private Validate() {}

  /**
   * @throws IllegalArgumentException naming {@code what} if {@code value} is null or empty
   */
  public static String nonEmpty(String value, String what) {
    if (value == null) {
      throw new IllegalArgumentException(what + " must not be null");
    }
    if (value.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    return value;
  }
}
