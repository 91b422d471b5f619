package dev.axnode.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for listeners a test must name before they bind: one that keeps its port across a
 * restart, or that another node's bootstrap entry names. Everything else binds port 0. A port
 * probed with port 0 comes from the kernel's ephemeral range, where every outgoing connection
 * also takes its local port, so it could be taken before the node binds it (a cluster member's
 * own connections took one in a CI run). These ports come from just below that range, which
 * the kernel never hands out by itself, and none twice in one JVM (a probe closes before the
 * next one, so two members of one test cluster could otherwise get the same).
 */
public final class FreePorts {

  /** Linux's default start of the ephemeral range, if the machine's cannot be read. */
  private static final int DEFAULT_EPHEMERAL_START = 32_768;
  /** How many ports below the ephemeral range are tried. */
  private static final int SPAN = 12_000;
  private static final int TRIES = 200;
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private FreePorts() {
  }

  /** A port that nothing listens on now and that no outgoing connection will take. */
  public static int outsideEphemeralRange(String host) throws IOException {
    int end = ephemeralStart();
    int start = Math.max(1024, end - SPAN);
    InetAddress address = InetAddress.getByName(host);
    for (int i = 0; i < TRIES && start < end; i++) {
      int port = ThreadLocalRandom.current().nextInt(start, end);
      if (!HANDED_OUT.add(port)) {
        continue;
      }
      try (ServerSocket probe = new ServerSocket()) {
        probe.bind(new InetSocketAddress(address, port), 1);
        return port;
      } catch (IOException inUse) {
        // taken: try another
      }
    }
    throw new IOException("no free port in " + start + ".." + (end - 1) + " after " + TRIES + " tries");
  }

  private static int ephemeralStart() {
    try {
      // readAllLines, not readString: the JDK's readString sizes its read by the file's size, 0 in /proc
      String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
      return Integer.parseInt(range.split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return DEFAULT_EPHEMERAL_START;
    }
  }
}
