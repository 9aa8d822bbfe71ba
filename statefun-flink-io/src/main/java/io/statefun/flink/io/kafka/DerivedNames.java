package io.statefun.flink.io.kafka;

import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.kafka.KafkaEgressSpec;

/**
 * Derives names from the job name and an IO identifier: stable across restarts of a job, and
 * distinct for distinct (job, identifier) pairs because each part is escaped before joining.
 */
final class DerivedNames {
  private DerivedNames() {}

  /** The transactional id prefix of an exactly-once egress. */
  static String transactionalIdPrefix(KafkaEgressSpec<?> spec, String jobName) {
    if (spec.transactionalIdPrefix().isPresent()) {
      return spec.transactionalIdPrefix().get();
    }
    EgressIdentifier<?> id = spec.id();
    return name(jobName, id.namespace(), id.name());
  }

  static String name(String jobName, String namespace, String name) {
    return "statefun/" + escape(jobName) + "/" + escape(namespace) + "/" + escape(name);
  }

  private static String escape(String part) {
    return part.replace("%", "%25").replace("/", "%2F");
  }
}
