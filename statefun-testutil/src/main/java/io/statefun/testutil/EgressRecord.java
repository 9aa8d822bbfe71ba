package io.statefun.testutil;

import io.statefun.sdk.io.EgressIdentifier;

/**
 * A record a function emitted to an egress.
 *
 * @param egress where it was sent
 * @param record what was sent
 */
public record EgressRecord(EgressIdentifier<?> egress, Object record) {}
