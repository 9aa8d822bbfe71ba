package io.statefun.flink.core.translation;

import io.statefun.flink.core.failure.RecordRendering;
import io.statefun.sdk.io.IngressIdentifier;
import org.apache.flink.annotation.PublicEvolving;

/** A router threw on an ingress record; names the ingress, the router's class and the record. */
@PublicEvolving
public final class RouterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  RouterException(IngressIdentifier<?> ingress, Object router, Object record, Throwable cause) {
    super(
        "router "
            + router.getClass().getName()
            + " of ingress "
            + ingress
            + " failed on record "
            + RecordRendering.of(record)
            + ": "
            + cause,
        cause);
  }
}
