package io.statefun.testutil;

import io.statefun.sdk.Address;
import java.time.Duration;

/**
 * A message a function scheduled with {@code sendAfter}.
 *
 * @param delay the delay the function asked for
 * @param to the target address
 * @param message the payload
 * @param cancellationToken the token it can be cancelled with, or null if none was given
 */
public record DelayedSend(Duration delay, Address to, Object message, String cancellationToken) {}
