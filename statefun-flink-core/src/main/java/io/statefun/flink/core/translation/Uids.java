package io.statefun.flink.core.translation;

import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;
import org.apache.flink.annotation.Internal;

/**
 * Stable operator uids (savepoints map state to operators by them) and side-output ids. Namespace
 * and name are escaped and joined with '/', so distinct identifiers never share a uid.
 */
@Internal
public final class Uids {
  /** The functions operator's uid; offline state tools address its state by it. */
  public static final String FUNCTIONS = "statefun-functions";

  static final String FEEDBACK_TAIL = "statefun-feedback-tail";

  private Uids() {}

  static String ingress(IngressIdentifier<?> id) {
    return "statefun-ingress/" + escape(id.namespace()) + "/" + escape(id.name());
  }

  static String router(IngressIdentifier<?> id) {
    return "statefun-router/" + escape(id.namespace()) + "/" + escape(id.name());
  }

  static String egress(EgressIdentifier<?> id) {
    return "statefun-egress/" + escape(id.namespace()) + "/" + escape(id.name());
  }

  /**
   * {@code uid} within the pipeline named {@code scope}; unchanged when {@code scope} is null (the
   * one pipeline of a statefun job), so several pipelines in one job get distinct uids.
   */
  public static String scoped(String scope, String uid) {
    return scope == null ? uid : "statefun-pipeline/" + escape(scope) + "/" + uid;
  }

  private static String escape(String part) {
    return part.replace("%", "%25").replace("/", "%2F");
  }
}
