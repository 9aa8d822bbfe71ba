package io.statefun.flink.core.functions;

import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.util.function.ThrowingRunnable;

/**
 * Runs a hook when a failure escapes one of the operator's task-thread entry points, then lets the
 * failure go on. The operator's mails and timers are wrapped here; its input method catches itself.
 * The hook must be idempotent: a mail run by a yield inside the input method fails through both.
 */
final class FailureGuard {
  private final Runnable onFailure;

  FailureGuard(Runnable onFailure) {
    this.onFailure = onFailure;
  }

  /** Called with a failure that escapes an entry point, before it is rethrown. */
  void failed(Throwable failure) {
    try {
      onFailure.run();
    } catch (RuntimeException | Error hookFailure) {
      failure.addSuppressed(hookFailure);
    }
  }

  /** {@code mailbox}, whose mails run the hook when they fail. */
  MailboxExecutor mailbox(MailboxExecutor mailbox) {
    return new MailboxExecutor() {
      @Override
      public void execute(
          MailOptions options,
          ThrowingRunnable<? extends Exception> command,
          String descriptionFormat,
          Object... descriptionArgs) {
        mailbox.execute(options, () -> run(command), descriptionFormat, descriptionArgs);
      }

      @Override
      public void yield() throws InterruptedException {
        mailbox.yield();
      }

      @Override
      public boolean tryYield() {
        return mailbox.tryYield();
      }

      @Override
      public boolean shouldInterrupt() {
        return mailbox.shouldInterrupt();
      }
    };
  }

  private void run(ThrowingRunnable<? extends Exception> command) throws Exception {
    try {
      command.run();
    } catch (Exception | Error e) {
      failed(e);
      throw e;
    }
  }

  /** {@code timers}, which run the hook when a timer fails. */
  <K, N> Triggerable<K, N> timers(Triggerable<K, N> timers) {
    return new Triggerable<>() {
      @Override
      public void onEventTime(InternalTimer<K, N> timer) throws Exception {
        try {
          timers.onEventTime(timer);
        } catch (Exception | Error e) {
          failed(e);
          throw e;
        }
      }

      @Override
      public void onProcessingTime(InternalTimer<K, N> timer) throws Exception {
        try {
          timers.onProcessingTime(timer);
        } catch (Exception | Error e) {
          failed(e);
          throw e;
        }
      }
    };
  }
}
