package io.statefun.flink.core.universe;

import org.apache.flink.annotation.PublicEvolving;

/** Two modules (or one module twice) bound the same ingress, egress, router or function type. */
@PublicEvolving
public final class DuplicateBindingException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  DuplicateBindingException(String message) {
    super(message);
  }
}
