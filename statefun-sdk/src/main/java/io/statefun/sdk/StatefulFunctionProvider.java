package io.statefun.sdk;

/**
 * Creates the {@link StatefulFunction} for a function type. The runtime calls it once per function
 * type per parallel instance, lazily, when the first message for that type arrives.
 */
@FunctionalInterface
public interface StatefulFunctionProvider {

  /**
   * @param type the type a function is needed for
   * @return a new function instance for that type; never null
   */
  StatefulFunction functionOfType(FunctionType type);
}
