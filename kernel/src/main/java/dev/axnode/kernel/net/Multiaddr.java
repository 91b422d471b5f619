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
    String host = checkHost(protocol, parts[2], text);
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

  /**
   * The host as stored: an IP literal in its canonical text (so that text and binary forms
   * round-trip and compare equal), a DNS name as given. Never a DNS lookup.
   */
  private static String checkHost(Protocol protocol, String host, String text) {
    if (host.isEmpty()) {
      throw new IllegalArgumentException("empty host in " + text);
    }
    return switch (protocol) {
      case IP4 -> ipText(ip4Literal(host));
      case IP6 -> ip6Text(ip6Literal(host));
      default -> host;
    };
  }

  /** Dotted decimal, each part 0..255 without leading zeros (which some read as octal). */
  private static byte[] ip4Literal(String host) {
    String[] parts = host.split("\\.", -1);
    byte[] address = new byte[4];
    boolean valid = parts.length == 4;
    for (int i = 0; valid && i < 4; i++) {
      valid = parts[i].matches("0|[1-9]\\d{0,2}") && Integer.parseInt(parts[i]) <= 255;
      address[i] = valid ? (byte) Integer.parseInt(parts[i]) : 0;
    }
    if (!valid) {
      throw new IllegalArgumentException("not an IPv4 address: " + host);
    }
    return address;
  }

  private static byte[] ip6Literal(String host) {
    // with a ':' and only these characters InetAddress parses a literal and never resolves
    if (host.matches("[0-9a-fA-F:.]+") && host.contains(":")) {
      try {
        byte[] address = InetAddress.getByName(host).getAddress();
        if (address.length == 4) {
          // InetAddress turns an IPv4-mapped literal (::ffff:a.b.c.d) into IPv4: map it back
          byte[] mapped = new byte[16];
          mapped[10] = (byte) 0xff;
          mapped[11] = (byte) 0xff;
          System.arraycopy(address, 0, mapped, 12, 4);
          return mapped;
        }
        return address;
      } catch (UnknownHostException e) {
        // refused below
      }
    }
    throw new IllegalArgumentException("not an IPv6 address: " + host);
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
    return hostProtocol == Protocol.IP4 ? ip4Literal(host) : ip6Literal(host);
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
    long code = in.read();
    Protocol protocol = code > Integer.MAX_VALUE ? null : Protocol.ofCode((int) code);
    if (protocol == null) {
      throw new IllegalArgumentException("unsupported multiaddr host protocol");
    }
    String host = switch (protocol) {
      case IP4 -> ipText(in.bytes(4));
      case IP6 -> ip6Text(in.bytes(16));
      default -> dnsName(in.bytes(in.length()));
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

  /** A DNS name from the binary form: strict UTF-8, not empty, no '/' (the text form's separator). */
  private static String dnsName(byte[] utf8) {
    String name;
    try {
      name = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(utf8)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalArgumentException("DNS name is not valid UTF-8");
    }
    if (name.isEmpty() || name.indexOf('/') >= 0) {
      throw new IllegalArgumentException("not a DNS name: '" + name + "'");
    }
    return name;
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
