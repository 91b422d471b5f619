package dev.axnode.kernel.keys;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * A node's identity: its Ed25519 public key, shown as the libp2p peer ID
 * ({@code 12D3KooW…}, the base58btc identity multihash of the PublicKey protobuf).
 *
 * <pre>
 *   peer ID bytes = 00 24 | 08 01 12 20 | 32-byte Ed25519 key
 *                   ^identity multihash, length 36
 *                          ^PublicKey protobuf: KeyType=Ed25519, Data=key
 * </pre>
 */
public final class NodeId {

  public static final int KEY_LENGTH = 32;
  private static final byte[] PREFIX = {0x00, 0x24, 0x08, 0x01, 0x12, 0x20};

  private final byte[] publicKey;
  /** The base58 form, made on first use: every log line and event names peers by it. */
  private String text;

  private NodeId(byte[] publicKey) {
    this.publicKey = publicKey;
  }

  public static NodeId ofPublicKey(byte[] publicKey) {
    if (publicKey == null || publicKey.length != KEY_LENGTH) {
      throw new IllegalArgumentException("an Ed25519 public key has 32 bytes");
    }
    return new NodeId(publicKey.clone());
  }

  /** Parses the base58 form ({@code 12D3KooW…}) or the CIDv1 form ({@code bafz…}, libp2p-key codec). */
  public static NodeId parse(String text) {
    byte[] multihash;
    if (text.startsWith("b")) {
      multihash = cidV1Multihash(text);
    } else {
      multihash = Base58.decode(text);
    }
    if (multihash.length != PREFIX.length + KEY_LENGTH
        || !Arrays.equals(Arrays.copyOf(multihash, PREFIX.length), PREFIX)) {
      throw new IllegalArgumentException("not an Ed25519 peer ID: " + text);
    }
    return new NodeId(Arrays.copyOfRange(multihash, PREFIX.length, multihash.length));
  }

  private static byte[] cidV1Multihash(String text) {
    byte[] cid = Base32.decodeLower(text.substring(1));
    if (cid.length < 2 || cid[0] != 0x01 || cid[1] != 0x72) {
      throw new IllegalArgumentException("not a libp2p-key CIDv1: " + text);
    }
    return Arrays.copyOfRange(cid, 2, cid.length);
  }

  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The identity multihash bytes ({@code 00 24 08 01 12 20 ‖ key}). */
  public byte[] toBytes() {
    byte[] bytes = Arrays.copyOf(PREFIX, PREFIX.length + KEY_LENGTH);
    System.arraycopy(publicKey, 0, bytes, PREFIX.length, KEY_LENGTH);
    return bytes;
  }

  /** The key as the CLI prints public keys: {@code 0} ‖ base64 of the 32 bytes. */
  public String toKeyText() {
    return "0" + Base64.getEncoder().encodeToString(publicKey);
  }

  /** A short form for logs, e.g. {@code 12D3KooW…h5rBzY}. */
  public String shortForm() {
    String full = toString();
    return full.substring(0, 8) + "…" + full.substring(full.length() - 6);
  }

  @Override
  public String toString() {
    String known = text;
    if (known == null) {
      known = Base58.encode(toBytes());
      text = known;
    }
    return known;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NodeId id && MessageDigest.isEqual(publicKey, id.publicKey);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(publicKey);
  }

  /** RFC 4648 base32, lower case, no padding, as multibase {@code b} uses it. */
  private static final class Base32 {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

    static byte[] decodeLower(String text) {
      byte[] out = new byte[text.length() * 5 / 8];
      int buffer = 0;
      int bits = 0;
      int index = 0;
      for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
        int value = ALPHABET.indexOf(c);
        if (value < 0) {
          throw new IllegalArgumentException("invalid base32 character '" + c + "'");
        }
        buffer = (buffer << 5) | value;
        bits += 5;
        if (bits >= 8) {
          out[index++] = (byte) (buffer >> (bits - 8));
          bits -= 8;
        }
      }
      return Arrays.copyOf(out, index);
    }
  }
}
