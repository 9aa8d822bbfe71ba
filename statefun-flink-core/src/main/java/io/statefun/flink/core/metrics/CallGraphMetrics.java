package io.statefun.flink.core.metrics;

import io.statefun.sdk.FunctionType;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;
import org.apache.flink.annotation.Internal;

/**
 * How the call graph appears in Flink's metric system, shared by the runtime that registers the
 * edge counters and the readers that rebuild the graph from them. An edge is a counter named
 * {@value #MESSAGES} in a key-value group {@value #TO_FUNCTION} (target function type) or {@value
 * #TO_EGRESS} (target egress), both as {@code namespace/name}. The group it hangs from names the
 * sender: a function type's group ({@code functions.<namespace>.<name>}) or an ingress's key-value
 * group {@value #INGRESS} in the router operator's group.
 */
@Internal
public final class CallGraphMetrics {
  /** The edge counter: messages sent along the edge. */
  public static final String MESSAGES = "messages";

  /** Key of the group whose value is the target function type. */
  public static final String TO_FUNCTION = "to";

  /** Key of the group whose value is the target egress. */
  public static final String TO_EGRESS = "toEgress";

  /** Key of the group whose value is the sending ingress. */
  public static final String INGRESS = "ingress";

  private CallGraphMetrics() {}

  public static String nameOf(FunctionType type) {
    return type.namespace() + "/" + type.name();
  }

  public static String nameOf(EgressIdentifier<?> egress) {
    return egress.namespace() + "/" + egress.name();
  }

  public static String nameOf(IngressIdentifier<?> ingress) {
    return ingress.namespace() + "/" + ingress.name();
  }
}
