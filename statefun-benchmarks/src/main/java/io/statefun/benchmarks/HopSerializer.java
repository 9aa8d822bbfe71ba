package io.statefun.benchmarks;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * Kryo's serializer of the ping-pong token, registered through Flink's serialization config (see
 * {@link BenchmarkCli}): a payload class with its own serializer, as a tuned application would
 * register one (StateFun 3.3's reference uses generated protobuf code), instead of Kryo's
 * reflective record serializer.
 */
public final class HopSerializer extends Serializer<Workloads.Hop> {
  public HopSerializer() {
    setImmutable(true);
  }

  @Override
  public void write(Kryo kryo, Output output, Workloads.Hop hop) {
    output.writeVarLong(hop.loop(), true);
    output.writeVarInt(hop.remaining(), true);
    output.writeString(hop.partner());
    output.writeLong(hop.sentNanos());
  }

  @Override
  public Workloads.Hop read(Kryo kryo, Input input, Class<? extends Workloads.Hop> type) {
    return new Workloads.Hop(
        input.readVarLong(true), input.readVarInt(true), input.readString(), input.readLong());
  }
}
