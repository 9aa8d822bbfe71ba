package io.statefun.flink.core.feedback;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * The part of a feedback channel beyond its memory budget: serialized records in the order they
 * were put, in blocks. The newest block is filled in memory; a full block is written to a file of
 * its own in the spill directory, and the consumer deletes that file as soon as it has read it
 * back. Not thread-safe: the channel's lock guards it, except {@link Block#load()}.
 */
final class ChannelSpill implements AutoCloseable {
  private final File directory;
  private final int blockBytes;
  private final ArrayDeque<Block> written = new ArrayDeque<>();
  private final DataOutputSerializer filling;
  private int fillingRecords;
  private long records;
  private long bytes;
  private long bytesWrittenTotal;

  /**
   * @param blockBytes a block is written to its file once it holds this many bytes
   */
  ChannelSpill(File directory, int blockBytes) {
    this.directory = directory;
    this.blockBytes = blockBytes;
    this.filling = new DataOutputSerializer(Math.min(blockBytes, 64 * 1024));
  }

  /** Appends one serialized record. */
  void append(byte[] record, int length) throws IOException {
    filling.write(record, 0, length);
    fillingRecords++;
    records++;
    bytes += length;
    if (filling.length() >= blockBytes) {
      writeFillingBlock();
    }
  }

  private void writeFillingBlock() throws IOException {
    File file;
    try {
      file = File.createTempFile("statefun-feedback-queue-", ".spill", directory);
    } catch (IOException e) {
      throw new IOException("cannot spill feedback records to " + directory, e);
    }
    try (FileOutputStream out = new FileOutputStream(file)) {
      out.write(filling.getSharedBuffer(), 0, filling.length());
    } catch (IOException e) {
      Files.deleteIfExists(file.toPath());
      throw new IOException("cannot spill feedback records to " + file, e);
    }
    written.add(new Block(file, null, fillingRecords, filling.length()));
    bytesWrittenTotal += filling.length();
    filling.clear();
    fillingRecords = 0;
  }

  boolean isEmpty() {
    return records == 0;
  }

  /** Removes and returns the oldest block, or null when the spill is empty. */
  Block takeOldest() {
    Block block = written.poll();
    if (block == null) {
      if (fillingRecords == 0) {
        return null;
      }
      block = new Block(null, filling.getCopyOfBuffer(), fillingRecords, filling.length());
      filling.clear();
      fillingRecords = 0;
    }
    records -= block.records;
    bytes -= block.length;
    return block;
  }

  /** Records in the spill. */
  long records() {
    return records;
  }

  /** Bytes of the records in the spill, in files or in the block being filled. */
  long bytes() {
    return bytes;
  }

  /** Bytes written to spill files so far. */
  long bytesWrittenTotal() {
    return bytesWrittenTotal;
  }

  /** Block files not yet taken; for tests. */
  int filesPending() {
    return written.size();
  }

  /** Drops every record and deletes every block file not yet taken. */
  @Override
  public void close() {
    for (Block block : written) {
      block.delete();
    }
    written.clear();
    filling.clear();
    fillingRecords = 0;
    records = 0;
    bytes = 0;
  }

  /** A run of serialized records, in a file or (the block that was being filled) in memory. */
  static final class Block {
    private final File file;
    private final byte[] inMemory;
    final int records;
    final int length;

    private Block(File file, byte[] inMemory, int records, int length) {
      this.file = file;
      this.inMemory = inMemory;
      this.records = records;
      this.length = length;
    }

    /** The block's bytes; a block file is deleted once read. Any thread, once. */
    byte[] load() throws IOException {
      if (inMemory != null) {
        return inMemory;
      }
      try {
        return Files.readAllBytes(file.toPath());
      } finally {
        delete();
      }
    }

    private void delete() {
      if (file != null) {
        // A file that cannot be deleted is left to the task manager's cleanup of its directories.
        file.delete();
      }
    }
  }
}
