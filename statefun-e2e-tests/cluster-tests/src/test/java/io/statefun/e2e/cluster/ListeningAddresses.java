package io.statefun.e2e.cluster;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The TCP addresses another process listens on, from Linux's {@code /proc/<pid>}: its socket
 * descriptors matched against the listening sockets of its network tables.
 */
public final class ListeningAddresses {
  private static final String LISTEN = "0A";

  private ListeningAddresses() {}

  public static List<InetSocketAddress> of(long pid) throws IOException {
    Path proc = Path.of("/proc", String.valueOf(pid));
    Set<String> inodes = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
      for (Path fd : fds) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException closed) {
          // closed while listing
        }
      }
    }
    List<InetSocketAddress> listening = new ArrayList<>();
    for (String table : new String[] {"net/tcp", "net/tcp6"}) {
      List<String> lines = Files.readAllLines(proc.resolve(table));
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.trim().split("\\s+");
        if (f[3].equals(LISTEN) && inodes.contains(f[9])) {
          listening.add(parse(f[1]));
        }
      }
    }
    return listening;
  }

  /** Hex address (32-bit words in little-endian order) and hex port. */
  private static InetSocketAddress parse(String hex) throws IOException {
    String[] parts = hex.split(":");
    byte[] raw = new BigInteger(parts[0], 16).toByteArray();
    byte[] padded = new byte[parts[0].length() / 2];
    System.arraycopy(
        raw,
        Math.max(0, raw.length - padded.length),
        padded,
        Math.max(0, padded.length - raw.length),
        Math.min(raw.length, padded.length));
    byte[] address = new byte[padded.length];
    for (int word = 0; word < padded.length / 4; word++) {
      for (int i = 0; i < 4; i++) {
        address[word * 4 + i] = padded[word * 4 + 3 - i];
      }
    }
    return new InetSocketAddress(InetAddress.getByAddress(address), Integer.parseInt(parts[1], 16));
  }
}
