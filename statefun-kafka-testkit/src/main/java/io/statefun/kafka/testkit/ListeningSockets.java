package io.statefun.kafka.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The TCP sockets this JVM listens on, read from Linux's {@code /proc}: lets a test assert that
 * everything it started (brokers, MiniClusters) binds the loopback address only.
 */
public final class ListeningSockets {
  private static final String LISTEN_STATE = "0A";

  private ListeningSockets() {}

  /** The local addresses (with ports) of every listening TCP socket this process holds. */
  public static List<java.net.InetSocketAddress> ofThisProcess() {
    Set<String> inodes = socketInodes();
    List<java.net.InetSocketAddress> listening = new ArrayList<>();
    listening.addAll(read(Path.of("/proc/self/net/tcp"), inodes));
    listening.addAll(read(Path.of("/proc/self/net/tcp6"), inodes));
    return listening;
  }

  /** The listening sockets of this process whose address is not a loopback address. */
  public static List<java.net.InetSocketAddress> nonLoopback() {
    List<java.net.InetSocketAddress> open = new ArrayList<>();
    for (java.net.InetSocketAddress address : ofThisProcess()) {
      if (!address.getAddress().isLoopbackAddress()) {
        open.add(address);
      }
    }
    return open;
  }

  private static Set<String> socketInodes() {
    Set<String> inodes = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
      for (Path fd : fds) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring("socket:[".length(), target.length() - 1));
          }
        } catch (IOException closedMeanwhile) {
          // the descriptor was closed while listing
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list /proc/self/fd", e);
    }
    return inodes;
  }

  private static List<java.net.InetSocketAddress> read(Path table, Set<String> inodes) {
    List<java.net.InetSocketAddress> listening = new ArrayList<>();
    if (!Files.exists(table)) {
      return listening;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(table);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + table, e);
    }
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length > 9 && fields[3].equals(LISTEN_STATE) && inodes.contains(fields[9])) {
        listening.add(parse(fields[1]));
      }
    }
    return listening;
  }

  /**
   * {@code /proc/net/tcp*} write addresses as hex, in 32-bit words of host (little-endian) order.
   */
  private static java.net.InetSocketAddress parse(String hexAddress) {
    String[] parts = hexAddress.split(":");
    String hex = parts[0];
    byte[] bytes = new byte[hex.length() / 2];
    for (int word = 0; word < bytes.length / 4; word++) {
      for (int i = 0; i < 4; i++) {
        int at = word * 8 + (3 - i) * 2;
        bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
      }
    }
    try {
      return new java.net.InetSocketAddress(
          InetAddress.getByAddress(bytes), Integer.parseInt(parts[1], 16));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("bad address in /proc/net/tcp: " + hexAddress, e);
    }
  }
}
