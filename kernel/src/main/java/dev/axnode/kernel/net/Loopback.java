package dev.axnode.kernel.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Whether a remote address is this machine's loopback: 127.0.0.0/8, ::1, or IPv4-mapped 127.x. */
public final class Loopback {

  private Loopback() {
  }

  /** {@code hostAddress} is a numeric IP as sockets report it; names and garbage are not loopback. */
  public static boolean isLoopback(String hostAddress) {
    if (hostAddress == null || hostAddress.isEmpty() || !isNumeric(hostAddress)) {
      return false;
    }
    try {
      // Numeric input only, so this never does a DNS lookup; IPv4-mapped IPv6 comes back as Inet4Address.
      return InetAddress.getByName(hostAddress).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean isNumeric(String host) {
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (h.indexOf(':') >= 0) {
      return h.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.' || c == '%');
    }
    return h.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.');
  }
}
