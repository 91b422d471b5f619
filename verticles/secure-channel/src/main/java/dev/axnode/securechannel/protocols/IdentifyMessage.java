package dev.axnode.securechannel.protocols;

import dev.axnode.kernel.AxVersion;
import dev.axnode.kernel.keys.NodeId;
import dev.axnode.kernel.net.Multiaddr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The identify message ({@code /ipfs/id/1.0.0}), an immutable value. Byte fields are copied
 * in and out. Absent optional fields are null; absent repeated fields are empty lists.
 *
 * @param publicKey the PublicKey protobuf ({@code 08 01 12 20 ‖ key} for Ed25519), or null
 * @param listenAddrs binary multiaddrs, kept raw: peers may list transports we cannot parse
 * @param protocols protocol ids the sender serves
 * @param observedAddr the binary multiaddr the sender sees us at, or null
 * @param protocolVersion e.g. {@code ipfs/0.1.0}, or null
 * @param agentVersion e.g. {@code ax-node/0.1.0}, or null
 */
public record IdentifyMessage(byte[] publicKey, List<byte[]> listenAddrs, List<String> protocols,
    byte[] observedAddr, String protocolVersion, String agentVersion) {

  public static final String PROTOCOL_VERSION = "ipfs/0.1.0";
  private static final byte[] ED25519_KEY_PREFIX = {0x08, 0x01, 0x12, 0x20};

  public IdentifyMessage {
    publicKey = publicKey == null ? null : publicKey.clone();
    listenAddrs = copy(listenAddrs);
    protocols = List.copyOf(protocols);
    observedAddr = observedAddr == null ? null : observedAddr.clone();
  }

  /** Our own message: Ed25519 key, {@code ipfs/0.1.0}, {@code ax-node/<version>}. */
  public static IdentifyMessage of(NodeId self, List<Multiaddr> listenAddrs, List<String> protocols,
      Multiaddr observedAddr) {
    return new IdentifyMessage(encodePublicKey(self),
        listenAddrs.stream().map(Multiaddr::toBytes).toList(), protocols,
        observedAddr == null ? null : observedAddr.toBytes(),
        PROTOCOL_VERSION, "ax-node/" + AxVersion.version());
  }

  /** The PublicKey protobuf of an Ed25519 node id: {@code 08 01 12 20 ‖ 32-byte key}. */
  public static byte[] encodePublicKey(NodeId id) {
    byte[] key = id.publicKey();
    byte[] out = Arrays.copyOf(ED25519_KEY_PREFIX, ED25519_KEY_PREFIX.length + key.length);
    System.arraycopy(key, 0, out, ED25519_KEY_PREFIX.length, key.length);
    return out;
  }

  /** The sender's node id, if its public key is present and in the Ed25519 encoding. */
  public Optional<NodeId> nodeId() {
    if (publicKey == null || publicKey.length != ED25519_KEY_PREFIX.length + NodeId.KEY_LENGTH
        || !Arrays.equals(publicKey, 0, ED25519_KEY_PREFIX.length, ED25519_KEY_PREFIX, 0, ED25519_KEY_PREFIX.length)) {
      return Optional.empty();
    }
    return Optional.of(NodeId.ofPublicKey(Arrays.copyOfRange(publicKey, ED25519_KEY_PREFIX.length, publicKey.length)));
  }

  /** The listen addresses this node can parse (ip4/ip6/dns + tcp); others are skipped. */
  public List<Multiaddr> parsedListenAddrs() {
    List<Multiaddr> parsed = new ArrayList<>();
    for (byte[] addr : listenAddrs) {
      parse(addr).ifPresent(parsed::add);
    }
    return parsed;
  }

  /** The observed address, if present and parseable. */
  public Optional<Multiaddr> parsedObservedAddr() {
    return observedAddr == null ? Optional.empty() : parse(observedAddr);
  }

  @Override
  public byte[] publicKey() {
    return publicKey == null ? null : publicKey.clone();
  }

  @Override
  public List<byte[]> listenAddrs() {
    return copy(listenAddrs);
  }

  @Override
  public byte[] observedAddr() {
    return observedAddr == null ? null : observedAddr.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof IdentifyMessage m
        && Arrays.equals(publicKey, m.publicKey)
        && listenAddrs.size() == m.listenAddrs.size()
        && allEqual(listenAddrs, m.listenAddrs)
        && protocols.equals(m.protocols)
        && Arrays.equals(observedAddr, m.observedAddr)
        && Objects.equals(protocolVersion, m.protocolVersion)
        && Objects.equals(agentVersion, m.agentVersion);
  }

  @Override
  public int hashCode() {
    int h = Arrays.hashCode(publicKey);
    for (byte[] addr : listenAddrs) {
      h = 31 * h + Arrays.hashCode(addr);
    }
    return Objects.hash(h, protocols, Arrays.hashCode(observedAddr), protocolVersion, agentVersion);
  }

  @Override
  public String toString() {
    HexFormat hex = HexFormat.of();
    return "IdentifyMessage[publicKey=" + (publicKey == null ? null : hex.formatHex(publicKey))
        + ", listenAddrs=" + listenAddrs.stream().map(hex::formatHex).toList()
        + ", protocols=" + protocols
        + ", observedAddr=" + (observedAddr == null ? null : hex.formatHex(observedAddr))
        + ", protocolVersion=" + protocolVersion + ", agentVersion=" + agentVersion + "]";
  }

  private static boolean allEqual(List<byte[]> a, List<byte[]> b) {
    for (int i = 0; i < a.size(); i++) {
      if (!Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static List<byte[]> copy(List<byte[]> list) {
    List<byte[]> out = new ArrayList<>(list.size());
    for (byte[] item : list) {
      out.add(Objects.requireNonNull(item, "listenAddrs element").clone());
    }
    return List.copyOf(out);
  }

  private static Optional<Multiaddr> parse(byte[] addr) {
    try {
      return Optional.of(Multiaddr.fromBytes(addr));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
