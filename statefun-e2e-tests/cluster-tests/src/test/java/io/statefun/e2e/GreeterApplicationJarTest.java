package io.statefun.e2e;

/** The greeter's application jar is what a Flink cluster expects (see the contract). */
class GreeterApplicationJarTest extends ApplicationJarContract {
  GreeterApplicationJarTest() {
    super("greeter.app.jar", "io.statefun.examples.greeter.GreeterModule");
  }
}
