package io.statefun.flink.core.translation;

import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;

/** Stable operator uids: savepoints map state to operators by these. */
final class Uids {
  static final String FUNCTIONS = "statefun-functions";
  static final String FEEDBACK_TAIL = "statefun-feedback-tail";

  private Uids() {}

  static String ingress(IngressIdentifier<?> id) {
    return "statefun-ingress-" + id.namespace() + "-" + id.name();
  }

  static String router(IngressIdentifier<?> id) {
    return "statefun-router-" + id.namespace() + "-" + id.name();
  }

  static String egress(EgressIdentifier<?> id) {
    return "statefun-egress-" + id.namespace() + "-" + id.name();
  }
}
