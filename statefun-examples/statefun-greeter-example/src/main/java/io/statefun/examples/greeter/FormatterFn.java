package io.statefun.examples.greeter;

import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;

/** Turns a greet request into a greeting and sends it to the egress. */
public final class FormatterFn implements StatefulFunction {
  public static final FunctionType TYPE = new FunctionType("greeter", "formatter");

  @Override
  public void invoke(Context context, Object input) {
    GreetRequest request = (GreetRequest) input;
    context.send(GreeterIO.GREETINGS, greeting(request));
  }

  static String greeting(GreetRequest request) {
    if (request.visits() == 1) {
      return "Hello " + request.name() + ", nice to meet you!";
    }
    return "Hello " + request.name() + ", welcome back (visit " + request.visits() + ")";
  }
}
