package io.statefun.testutil;

import io.statefun.sdk.Address;

/**
 * A message a function sent to another address (or to itself), in the order sent.
 *
 * @param to the target address
 * @param message the payload as the function passed it
 */
public record Sent(Address to, Object message) {}
