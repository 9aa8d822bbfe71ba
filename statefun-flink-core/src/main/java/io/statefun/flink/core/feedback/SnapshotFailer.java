package io.statefun.flink.core.feedback;

import org.apache.flink.annotation.Internal;

/**
 * Fails the snapshot a feedback log writes to, so that its asynchronous part cannot produce a
 * handle: afterwards the log's stream refuses {@code closeAndGetHandle}. Releasing a log's lease
 * without this first would let the checkpoint complete with an incomplete log.
 */
@Internal
@FunctionalInterface
public interface SnapshotFailer {
  void fail() throws Exception;
}
