package io.statefun.flink.core.feedback;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.util.function.ThrowingRunnable;

/**
 * A {@link MailboxExecutor} that only queues mails; the test plays the mailbox thread and runs them
 * one by one. It records a violation whenever a mail is submitted while another one is still queued
 * (a second drain mail would be outstanding).
 */
final class QueueingMailboxExecutor implements MailboxExecutor {
  private final LinkedBlockingQueue<ThrowingRunnable<? extends Exception>> queue =
      new LinkedBlockingQueue<>();
  private final List<String> violations = new ArrayList<>();
  private volatile boolean reject;
  private int submitted;
  private int rejected;

  @Override
  public synchronized void execute(
      MailOptions options,
      ThrowingRunnable<? extends Exception> command,
      String descriptionFormat,
      Object... descriptionArgs) {
    if (reject) {
      rejected++;
      throw new RejectedExecutionException("mailbox closed");
    }
    if (!queue.isEmpty()) {
      violations.add("a mail was submitted while " + queue.size() + " mail(s) were queued");
    }
    submitted++;
    queue.add(command);
  }

  /** Makes every further {@code execute} throw {@link RejectedExecutionException}. */
  void rejectFromNowOn() {
    reject = true;
  }

  synchronized int submitted() {
    return submitted;
  }

  synchronized int rejected() {
    return rejected;
  }

  synchronized List<String> violations() {
    return new ArrayList<>(violations);
  }

  int queued() {
    return queue.size();
  }

  /** Runs the first queued mail; fails if there is none. */
  void runOne() throws Exception {
    ThrowingRunnable<? extends Exception> mail = queue.poll();
    if (mail == null) {
      throw new AssertionError("no mail is queued");
    }
    run(mail);
  }

  /**
   * Waits (blocking, not sleeping) for the next mail, up to a generous bound, and runs it.
   *
   * @return false if no mail came within the bound
   */
  boolean awaitAndRunOne(long timeoutSeconds) throws Exception {
    ThrowingRunnable<? extends Exception> mail = queue.poll(timeoutSeconds, TimeUnit.SECONDS);
    if (mail == null) {
      return false;
    }
    run(mail);
    return true;
  }

  /** Runs mails until none is queued; returns how many ran. */
  int runAll() throws Exception {
    int ran = 0;
    ThrowingRunnable<? extends Exception> mail;
    while ((mail = queue.poll()) != null) {
      run(mail);
      ran++;
    }
    return ran;
  }

  private static void run(ThrowingRunnable<? extends Exception> mail) throws Exception {
    mail.run();
  }

  @Override
  public void yield() {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean tryYield() {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean shouldInterrupt() {
    return false;
  }
}
