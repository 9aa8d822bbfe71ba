package io.statefun.flink.core.io;

import io.statefun.sdk.io.EgressSpec;
import io.statefun.sdk.io.IngressSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** The translators of one job build, asked in turn for each spec that is not a stream spec. */
public final class IoSpecTranslators {
  private final List<IoSpecTranslator> translators;
  private final IoTranslationContext context;

  private IoSpecTranslators(List<IoSpecTranslator> translators, IoTranslationContext context) {
    this.translators = translators;
    this.context = context;
  }

  /** The translators {@code classLoader}'s service loader finds. */
  public static IoSpecTranslators load(ClassLoader classLoader, IoTranslationContext context) {
    List<IoSpecTranslator> found = new ArrayList<>();
    ServiceLoader.load(IoSpecTranslator.class, classLoader).forEach(found::add);
    return new IoSpecTranslators(found, context);
  }

  /** {@code spec} itself if it is a stream spec, else its translation; null if none handles it. */
  public <T> StreamIngressSpec<T> ingress(IngressSpec<T> spec) {
    if (spec instanceof StreamIngressSpec) {
      return (StreamIngressSpec<T>) spec;
    }
    for (IoSpecTranslator translator : translators) {
      StreamIngressSpec<T> translated = translator.translateIngress(spec, context);
      if (translated != null) {
        return translated;
      }
    }
    return null;
  }

  /** {@code spec} itself if it is a stream spec, else its translation; null if none handles it. */
  public <T> StreamEgressSpec<T> egress(EgressSpec<T> spec) {
    if (spec instanceof StreamEgressSpec) {
      return (StreamEgressSpec<T>) spec;
    }
    for (IoSpecTranslator translator : translators) {
      StreamEgressSpec<T> translated = translator.translateEgress(spec, context);
      if (translated != null) {
        return translated;
      }
    }
    return null;
  }
}
