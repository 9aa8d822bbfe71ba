package io.statefun.sdk.state;

/** The rule for state names: they become part of the runtime's state names and file paths. */
final class StateNames {
  private StateNames() {}

  /**
   * Returns {@code argument}, or throws an {@link IllegalArgumentException} naming the argument and
   * the state if it is null.
   */
  static <T> T requireArgument(T argument, String argumentName, String stateName) {
    if (argument == null) {
      throw new IllegalArgumentException(
          argumentName + " of state '" + stateName + "' must not be null");
    }
    return argument;
  }

  static String validate(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException(
          "state name must not be null or empty (was: "
              + (name == null ? "null" : "\"" + name + "\"")
              + ")");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean allowed =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-';
      if (!allowed) {
        throw new IllegalArgumentException(
            "state name '"
                + name
                + "' has the character '"
                + c
                + "'; use only letters, digits, '_' and '-'");
      }
    }
    return name;
  }
}
