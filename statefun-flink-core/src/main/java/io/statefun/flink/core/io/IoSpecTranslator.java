package io.statefun.flink.core.io;

import io.statefun.sdk.io.EgressSpec;
import io.statefun.sdk.io.IngressSpec;

/**
 * Turns ingress and egress specs that know nothing of Flink (such as those of {@code
 * statefun-kafka-io}) into specs the runtime can attach. Implementations are found with the {@link
 * java.util.ServiceLoader} of the job's class loader ({@code
 * META-INF/services/io.statefun.flink.core.io.IoSpecTranslator}).
 */
public interface IoSpecTranslator {

  /** The Flink form of {@code spec}, or null if this translator does not handle its kind. */
  <T> StreamIngressSpec<T> translateIngress(IngressSpec<T> spec, IoTranslationContext context);

  /** The Flink form of {@code spec}, or null if this translator does not handle its kind. */
  <T> StreamEgressSpec<T> translateEgress(EgressSpec<T> spec, IoTranslationContext context);
}
