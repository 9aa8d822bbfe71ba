package io.statefun.sdk.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field of a {@link io.statefun.sdk.StatefulFunction} whose value is persistent state of
 * the invoked address. The field's type is one of {@link io.statefun.sdk.state.PersistedValue},
 * {@link io.statefun.sdk.state.PersistedTable}, {@link
 * io.statefun.sdk.state.PersistedAppendingBuffer} or {@link
 * io.statefun.sdk.state.PersistedStateRegistry}, or any other object whose own {@code @Persisted}
 * fields are then searched (nested state). The field should be final and initialised when the
 * function is constructed; the runtime binds it before the first invocation.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Persisted {}
