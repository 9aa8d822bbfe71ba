package io.statefun.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class HopSerializerTest {

  @Test
  void roundTripsEveryField() {
    Kryo kryo = new Kryo();
    kryo.register(Workloads.Hop.class, new HopSerializer());
    Workloads.Hop hop = new Workloads.Hop(123_456_789_012L, 4_999, "loop-7-b3", 987_654_321L);

    Output output = new Output(64, -1);
    kryo.writeClassAndObject(output, hop);
    Object read = kryo.readClassAndObject(new Input(output.getBuffer(), 0, output.position()));

    assertThat(read).isEqualTo(hop);
  }

  @Test
  void theCliRegistersItWithFlinksKryo() {
    Configuration configuration = new Configuration();
    configuration.setString("pipeline.serialization-config", BenchmarkCli.SERIALIZATION_CONFIG);
    SerializerConfigImpl config = new SerializerConfigImpl();
    config.configure(configuration, HopSerializerTest.class.getClassLoader());

    assertThat(config.getRegisteredTypesWithKryoSerializerClasses())
        .containsEntry(Workloads.Hop.class, HopSerializer.class);
  }
}
