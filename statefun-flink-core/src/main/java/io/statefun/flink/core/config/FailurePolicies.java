package io.statefun.flink.core.config;

import io.statefun.sdk.FunctionType;
import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.annotation.Internal;

/**
 * The failure policy of a job: the default ({@code statefun.failure.policy}) and the overrides per
 * function type ({@code statefun.failure.policy.<namespace>/<name>}).
 */
@Internal
public final class FailurePolicies implements Serializable {
  private static final long serialVersionUID = 1L;

  private final FailurePolicy defaultPolicy;

  /** Keyed by {@code namespace/name}. */
  private final Map<String, FailurePolicy> byType;

  private final boolean anyDeadLetter;

  FailurePolicies(FailurePolicy defaultPolicy, Map<String, FailurePolicy> byType) {
    this.defaultPolicy = defaultPolicy;
    this.byType = Collections.unmodifiableMap(new TreeMap<>(byType));
    this.anyDeadLetter =
        defaultPolicy == FailurePolicy.DEAD_LETTER
            || byType.containsValue(FailurePolicy.DEAD_LETTER);
  }

  /** Reads the default and every per-type override from {@code settings}. */
  static FailurePolicies parse(Map<String, String> settings) {
    String defaultKey = StatefulFunctionsOptions.FAILURE_POLICY.key();
    String text = settings.get(defaultKey);
    FailurePolicy defaultPolicy =
        text == null
            ? FailurePolicy.parse(
                defaultKey, StatefulFunctionsOptions.FAILURE_POLICY.defaultValue())
            : FailurePolicy.parse(defaultKey, text);
    Map<String, FailurePolicy> byType = new TreeMap<>();
    String prefix = StatefulFunctionsOptions.FAILURE_POLICY_PREFIX;
    for (Map.Entry<String, String> entry : settings.entrySet()) {
      String key = entry.getKey();
      if (!key.startsWith(prefix)) {
        continue;
      }
      String type = key.substring(prefix.length());
      int slash = type.indexOf('/');
      if (slash <= 0 || slash == type.length() - 1 || type.indexOf('/', slash + 1) >= 0) {
        throw new IllegalArgumentException(
            key + ": expected " + prefix + "<namespace>/<name>, naming one function type");
      }
      byType.put(type, FailurePolicy.parse(key, entry.getValue()));
    }
    return new FailurePolicies(defaultPolicy, byType);
  }

  public FailurePolicy of(FunctionType type) {
    if (byType.isEmpty()) {
      return defaultPolicy;
    }
    return byType.getOrDefault(type.namespace() + "/" + type.name(), defaultPolicy);
  }

  /** The policy for failures that have no function type yet (a router's, an ingress record's). */
  public FailurePolicy ofIngress() {
    return defaultPolicy;
  }

  /** Whether any function type dead-letters: only then must invocations be made undoable. */
  public boolean anyDeadLetter() {
    return anyDeadLetter;
  }

  @Override
  public String toString() {
    return "default " + defaultPolicy.value() + ", per type " + byType;
  }
}
