package io.statefun.examples.greeter;

/** Asks the formatter to greet {@code name} on their {@code visits}-th visit. */
public record GreetRequest(String name, int visits) {}
