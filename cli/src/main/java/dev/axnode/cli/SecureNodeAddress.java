package dev.axnode.cli;

import dev.axnode.kernel.keys.NodeId;
import dev.axnode.kernel.net.Multiaddr;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The secure admin API of a node: {@code /ip4|ip6|dns|dns4|dns6/HOST/tcp/PORT[/p2p/NODE_ID]}.
 * {@code typed} keeps the text as the user gave it, because known hosts are keyed by the
 * address as typed (as OpenSSH keys them by the host name as typed), minus {@code /p2p/…}:
 * that part names the identity, it is not where the node is.
 */
record SecureNodeAddress(String typed, Multiaddr multiaddr) implements NodeAddress {

  static SecureNodeAddress parse(String value) {
    Multiaddr multiaddr;
    try {
      multiaddr = Multiaddr.parse(value);
    } catch (IllegalArgumentException e) {
      throw CommandException.invalidInput("Invalid node address " + value + ": " + e.getMessage()
          + ". Use e.g. /dns4/localhost/tcp/4458 or /ip4/127.0.0.1/tcp/4458[/p2p/NODE_ID].");
    }
    if (multiaddr.port() == 0) {
      throw CommandException.invalidInput("Invalid node address " + value
          + ": the port must be a number from 1 to 65535.");
    }
    return new SecureNodeAddress(value, multiaddr);
  }

  /** The node ID the address demands ({@code /p2p/…}), or null. */
  NodeId expectedPeer() {
    return multiaddr.peer();
  }

  /** The known-hosts key: the address as typed without a trailing {@code /p2p/…}. */
  String hostKey() {
    return hostKey(typed);
  }

  /** The known-hosts key of any text: stripped, without a trailing {@code /p2p/…}. */
  static String hostKey(String text) {
    String value = text.strip();
    int p2p = value.lastIndexOf("/p2p/");
    return p2p > 0 ? value.substring(0, p2p) : value;
  }

  /**
   * The IP address to dial. {@code /dns4} and {@code /dns6} admit only their own family,
   * as libp2p resolves them; {@code /dns} takes the first address the resolver gives.
   */
  InetAddress resolve() throws UnknownHostException {
    InetAddress[] all = InetAddress.getAllByName(multiaddr.host());
    Class<? extends InetAddress> family = switch (multiaddr.hostProtocol()) {
      case IP4, DNS4 -> Inet4Address.class;
      case IP6, DNS6 -> Inet6Address.class;
      case DNS -> InetAddress.class;
    };
    return Arrays.stream(all).filter(family::isInstance).findFirst()
        .orElseThrow(() -> new UnknownHostException("no " + (family == Inet4Address.class ? "IPv4" : "IPv6")
            + " address for " + multiaddr.host()));
  }

  @Override
  public String toString() {
    return typed;
  }
}
