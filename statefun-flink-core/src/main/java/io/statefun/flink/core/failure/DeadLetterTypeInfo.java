package io.statefun.flink.core.failure;

import io.statefun.flink.core.message.MessageSerializer;
import io.statefun.flink.core.message.PayloadSerializerKind;
import io.statefun.flink.core.message.SingleValueTypeInfo;
import io.statefun.sdk.io.DeadLetter;
import java.util.Objects;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Type information of the dead-letter egress's records: see {@link DeadLetterSerializer}. */
@Internal
public final class DeadLetterTypeInfo extends SingleValueTypeInfo<DeadLetter> {
  private static final long serialVersionUID = 1L;

  private final PayloadSerializerKind kind;

  public DeadLetterTypeInfo(PayloadSerializerKind kind) {
    this.kind = Objects.requireNonNull(kind);
  }

  @Override
  public Class<DeadLetter> getTypeClass() {
    return DeadLetter.class;
  }

  @Override
  public TypeSerializer<DeadLetter> createSerializer(SerializerConfig config) {
    return new DeadLetterSerializer(new MessageSerializer(kind, config));
  }

  @Override
  public String toString() {
    return "DeadLetter(" + kind + ")";
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof DeadLetterTypeInfo other && kind.equals(other.kind);
  }

  @Override
  public int hashCode() {
    return kind.hashCode();
  }
}
