package io.statefun.kafka.testkit;

import org.apache.kafka.common.utils.Exit;

/**
 * Replaces Kafka's JVM-wide exit and halt procedures with ones that throw, for as long as at least
 * one in-process broker runs, and restores Kafka's defaults when the last one stops.
 */
final class ExitGuard {
  private static int holders;

  private ExitGuard() {}

  static synchronized void acquire() {
    if (holders++ == 0) {
      Exit.setExitProcedure(ExitGuard::refuseExit);
      Exit.setHaltProcedure(ExitGuard::refuseHalt);
    }
  }

  static synchronized void release() {
    if (holders > 0 && --holders == 0) {
      Exit.resetExitProcedure();
      Exit.resetHaltProcedure();
    }
  }

  private static void refuseExit(int status, String message) {
    throw new BrokerFaultException("the in-process Kafka broker asked to exit", status, message);
  }

  private static void refuseHalt(int status, String message) {
    throw new BrokerFaultException("the in-process Kafka broker asked to halt", status, message);
  }

  /** What a broker's call to exit or halt the JVM becomes inside tests. */
  static final class BrokerFaultException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BrokerFaultException(String what, int status, String message) {
      super(what + " (status " + status + (message == null ? "" : ": " + message) + ")");
    }
  }
}
