package dev.axnode.kernel.net;

import dev.axnode.kernel.keys.NodeId;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A TCP multiaddr: {@code /ip4|ip6|dns|dns4|dns6/HOST/tcp/PORT[/p2p/PEER]}, in text and
 * binary form (https://github.com/multiformats/multiaddr).
 *
 * <pre>
 *   binary = ( uvarint code ‖ value )+
 *   ip4  4  → 4 bytes        tcp 6 → 2-byte big-endian port   ip6 41 → 16 bytes
 *   dns 53, dns4 54, dns6 55 → uvarint length ‖ utf8         p2p 421 (a5 03) → uvarint length ‖ multihash
 *   /ip4/127.0.0.1/tcp/4001 = 04 7f000001 06 0fa1
 * </pre>
 */
public record Multiaddr(Protocol hostProtocol, String host, int port, NodeId peer) {

  /** Longest binary multiaddr accepted when decoding. */
  public static final int MAX_BINARY_LENGTH = 1024;

  /** The host part's protocol, with its multicodec. */
  public enum Protocol {
    IP4(4), IP6(41), DNS(53), DNS4(54), DNS6(55);

    final int code;

    Protocol(int code) {
      this.code = code;
    }

    String textName() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Protocol ofCode(int code) {
      for (Protocol p : values()) {
        if (p.code == code) {
          return p;
        }
      }
      return null;
    }
  }

  private static final int TCP = 6;
  private static final int P2P = 421;

  public Multiaddr {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("TCP port out of range: " + port);
    }
  }

  /** Parses the text form; throws IllegalArgumentException with the reason. */
  public static Multiaddr parse(String text) {
    String[] parts = text.split("/", -1);
    if (parts.length < 5 || !parts[0].isEmpty()) {
      throw new IllegalArgumentException("not a TCP multiaddr (/ip4/HOST/tcp/PORT[/p2p/ID]): " + text);
    }
    Protocol protocol;
    try {
      protocol = Protocol.valueOf(parts[1].toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unsupported protocol /" + parts[1] + " in " + text);
    }
    String host = parts[2];
    checkHost(protocol, host, text);
    if (!parts[3].equals("tcp")) {
      throw new IllegalArgumentException("expected /tcp/PORT after the host in " + text);
    }
    int port = parsePort(parts[4], text);
    NodeId peer = null;
    if (parts.length == 7 && parts[5].equals("p2p")) {
      peer = NodeId.parse(parts[6]);
    } else if (parts.length != 5) {
      throw new IllegalArgumentException("unexpected components after /tcp/" + parts[4] + " in " + text);
    }
    return new Multiaddr(protocol, host, port, peer);
  }

  private static void checkHost(Protocol protocol, String host, String text) {
    if (host.isEmpty()) {
      throw new IllegalArgumentException("empty host in " + text);
    }
    if (protocol == Protocol.IP4 && !host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      throw new IllegalArgumentException("not an IPv4 address: " + host);
    }
    if (protocol == Protocol.IP6 && !host.matches("[0-9a-fA-F:.]+") ) {
      throw new IllegalArgumentException("not an IPv6 address: " + host);
    }
  }

  private static int parsePort(String text, String whole) {
    try {
      int port = Integer.parseInt(text);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw new IllegalArgumentException("not a TCP port: " + text + " in " + whole);
  }

  public Multiaddr withPeer(NodeId peer) {
    return new Multiaddr(hostProtocol, host, port, peer);
  }

  public Multiaddr withoutPeer() {
    return new Multiaddr(hostProtocol, host, port, null);
  }

  /** The multiaddr of an IP socket address as Vert.x reports it. */
  public static Multiaddr ofSocket(String hostAddress, int port) {
    if (hostAddress.contains(":")) {
      try {
        return new Multiaddr(Protocol.IP6, ip6Text(InetAddress.getByName(hostAddress).getAddress()), port, null);
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("not an IP address: " + hostAddress, e);
      }
    }
    return new Multiaddr(Protocol.IP4, hostAddress, port, null);
  }

  @Override
  public String toString() {
    return "/" + hostProtocol.textName() + "/" + host + "/tcp/" + port + (peer == null ? "" : "/p2p/" + peer);
  }

  /** The binary form, e.g. for identify's listenAddrs and observedAddr. */
  public byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Uvarint.write(out, hostProtocol.code);
    byte[] value = switch (hostProtocol) {
      case IP4, IP6 -> ipBytes();
      default -> lengthPrefixed(host.getBytes(StandardCharsets.UTF_8));
    };
    out.writeBytes(value);
    Uvarint.write(out, TCP);
    out.write(port >> 8);
    out.write(port & 0xFF);
    if (peer != null) {
      Uvarint.write(out, P2P);
      out.writeBytes(lengthPrefixed(peer.toBytes()));
    }
    return out.toByteArray();
  }

  private byte[] ipBytes() {
    try {
      return InetAddress.getByName(host).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException("unparseable IP literal " + host, e);
    }
  }

  private static byte[] lengthPrefixed(byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Uvarint.write(out, value.length);
    out.writeBytes(value);
    return out.toByteArray();
  }

  /** Decodes the binary form; throws IllegalArgumentException on anything malformed or unsupported. */
  public static Multiaddr fromBytes(byte[] bytes) {
    if (bytes.length > MAX_BINARY_LENGTH) {
      throw new IllegalArgumentException("multiaddr longer than " + MAX_BINARY_LENGTH + " bytes");
    }
    Uvarint.Reader in = new Uvarint.Reader(bytes);
    Protocol protocol = Protocol.ofCode((int) in.read());
    if (protocol == null) {
      throw new IllegalArgumentException("unsupported multiaddr host protocol");
    }
    String host = switch (protocol) {
      case IP4 -> ipText(in.bytes(4));
      case IP6 -> ip6Text(in.bytes(16));
      default -> new String(in.bytes(in.length()), StandardCharsets.UTF_8);
    };
    if (in.read() != TCP) {
      throw new IllegalArgumentException("expected tcp after the host");
    }
    byte[] port = in.bytes(2);
    NodeId peer = null;
    if (!in.atEnd()) {
      if (in.read() != P2P) {
        throw new IllegalArgumentException("unsupported component after tcp");
      }
      peer = NodeId.parse(dev.axnode.kernel.keys.Base58.encode(in.bytes(in.length())));
    }
    if (!in.atEnd()) {
      throw new IllegalArgumentException("trailing bytes after the multiaddr");
    }
    return new Multiaddr(protocol, host, ((port[0] & 0xFF) << 8) | (port[1] & 0xFF), peer);
  }

  /** RFC 5952 text of an IPv6 address: lower case, longest run of zero groups as {@code ::}. */
  static String ip6Text(byte[] address) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((address[2 * i] & 0xFF) << 8) | (address[2 * i + 1] & 0xFF);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; i++) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        text.append("::");
        i += bestLength - 1;
        continue;
      }
      if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(groups[i]));
    }
    return text.toString();
  }

  private static String ipText(byte[] address) {
    try {
      return InetAddress.getByAddress(address).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("bad IP address length " + address.length);
    }
  }

  /** Splits a list of texts into parsed multiaddrs, skipping none: all must parse. */
  public static List<Multiaddr> parseAll(List<String> texts) {
    List<Multiaddr> result = new ArrayList<>();
    texts.forEach(t -> result.add(parse(t)));
    return result;
  }
}
