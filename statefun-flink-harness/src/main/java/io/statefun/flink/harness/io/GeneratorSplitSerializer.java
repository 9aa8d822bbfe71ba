package io.statefun.flink.harness.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Serializes one split, or (as enumerator state) a list of splits. */
final class GeneratorSplitSerializer {
  private GeneratorSplitSerializer() {}

  static final SimpleVersionedSerializer<GeneratorSplit> SPLIT =
      new SimpleVersionedSerializer<>() {
        @Override
        public int getVersion() {
          return 1;
        }

        @Override
        public byte[] serialize(GeneratorSplit split) throws IOException {
          return serializeList(List.of(split));
        }

        @Override
        public GeneratorSplit deserialize(int version, byte[] bytes) throws IOException {
          return deserializeList(bytes).get(0);
        }
      };

  static final SimpleVersionedSerializer<List<GeneratorSplit>> SPLITS =
      new SimpleVersionedSerializer<>() {
        @Override
        public int getVersion() {
          return 1;
        }

        @Override
        public byte[] serialize(List<GeneratorSplit> splits) throws IOException {
          return serializeList(splits);
        }

        @Override
        public List<GeneratorSplit> deserialize(int version, byte[] bytes) throws IOException {
          return deserializeList(bytes);
        }
      };

  private static byte[] serializeList(List<GeneratorSplit> splits) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(splits.size());
      for (GeneratorSplit split : splits) {
        out.writeInt(split.id);
        out.writeInt(split.stride);
        out.writeLong(split.next);
      }
    }
    return bytes.toByteArray();
  }

  private static List<GeneratorSplit> deserializeList(byte[] bytes) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int size = in.readInt();
      List<GeneratorSplit> splits = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        splits.add(new GeneratorSplit(in.readInt(), in.readInt(), in.readLong()));
      }
      return splits;
    }
  }
}
