package io.statefun.flink.state.write;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.util.ExceptionUtils;

/**
 * Failures of the state writer, kept next to the savepoint they spoil. The State Processor API runs
 * a savepoint writer operator in a thread of its own and lets the job finish when that thread dies,
 * so an exception there (a state entry that does not fit, a failing bootstrap function) would leave
 * an incomplete savepoint without failing anything. The writer records its failure in the savepoint
 * directory; whoever ran the job checks for it afterwards.
 */
public final class WriteFailures {
  static final String PREFIX = "_statefun-write-failure-";

  private WriteFailures() {}

  /** Records {@code failure} of writer subtask {@code subtask}; best effort. */
  static void record(Path savepoint, int subtask, Throwable failure) {
    try {
      FileSystem fs = savepoint.getFileSystem();
      fs.mkdirs(savepoint);
      try (OutputStream out =
          fs.create(new Path(savepoint, PREFIX + subtask), FileSystem.WriteMode.OVERWRITE)) {
        out.write(ExceptionUtils.stringifyException(failure).getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /** The exception and its causes, without the stack frames (the file keeps them). */
  private static String withoutFrames(String stackTrace) {
    return stackTrace
        .lines()
        .filter(line -> !line.startsWith("\tat ") && !line.startsWith("\t..."))
        .collect(Collectors.joining("\n"));
  }

  /**
   * @throws IllegalStateException with the recorded failure if a writer subtask failed while
   *     writing the savepoint at {@code savepointPath}
   */
  public static void throwIfAny(String savepointPath) throws IOException {
    Path savepoint = new Path(savepointPath);
    FileSystem fs = savepoint.getFileSystem();
    if (!fs.exists(savepoint)) {
      return;
    }
    for (FileStatus file : fs.listStatus(savepoint)) {
      if (file.getPath().getName().startsWith(PREFIX)) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (InputStream in = fs.open(file.getPath())) {
          in.transferTo(text);
        }
        throw new IllegalStateException(
            "writing savepoint "
                + savepointPath
                + " failed, so it is incomplete (delete it); the state writer reported: "
                + withoutFrames(text.toString(StandardCharsets.UTF_8)));
      }
    }
  }
}
