package io.statefun.sdk.io;

/** The kind a spec reports when its class does not name one: its package and its class name. */
final class SpecKinds {
  private SpecKinds() {}

  static String namespaceOf(Class<?> spec) {
    String packageName = spec.getPackageName();
    return packageName.isEmpty() ? "default" : packageName;
  }

  /** The class name without the package: {@code Outer$Inner} for nested and anonymous classes. */
  static String nameOf(Class<?> spec) {
    String packageName = spec.getPackageName();
    return packageName.isEmpty()
        ? spec.getName()
        : spec.getName().substring(packageName.length() + 1);
  }
}
