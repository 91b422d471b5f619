package dev.axnode.securechannel.noise;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The libp2p-noise handshake payload, carried encrypted in messages 2 and 3, with no length
 * prefix of its own.
 *
 * <pre>
 *   message NoiseHandshakePayload {
 *     bytes identity_key = 1;              // PublicKey protobuf: 08 01 12 20 ‖ Ed25519 key
 *     bytes identity_sig = 2;              // Ed25519("noise-libp2p-static-key:" ‖ X25519 static)
 *     NoiseExtensions extensions = 4;
 *   }
 *   message NoiseExtensions {
 *     repeated bytes  webtransport_certhashes = 1;
 *     repeated string stream_muxers = 2;
 *   }
 *   with Ed25519 and no extensions: 0a 24 (36 bytes) 12 40 (64 bytes) = 104 bytes
 * </pre>
 *
 * <p>Spec: https://github.com/libp2p/specs/blob/master/noise/README.md#libp2p-data-in-handshake-messages
 *
 * <p>Encoding is deterministic (fields 1, 2, 4 in order; extensions omitted when empty).
 * Decoding skips unknown fields and bounds every length and count.
 */
public final class NoiseHandshakePayload {

  static final int MAX_IDENTITY_KEY = 1024;
  static final int MAX_IDENTITY_SIG = 1024;
  static final int MAX_EXTENSIONS = 8192;
  static final int MAX_LIST_ENTRIES = 32;
  static final int MAX_ENTRY = 1024;

  private static final int IDENTITY_KEY = 1;
  private static final int IDENTITY_SIG = 2;
  private static final int EXTENSIONS = 4;
  private static final int CERTHASHES = 1;
  private static final int STREAM_MUXERS = 2;

  private final byte[] identityKey;
  private final byte[] identitySig;
  private final List<byte[]> webtransportCerthashes;
  private final List<String> streamMuxers;

  public NoiseHandshakePayload(byte[] identityKey, byte[] identitySig,
      List<byte[]> webtransportCerthashes, List<String> streamMuxers) {
    this.identityKey = identityKey.clone();
    this.identitySig = identitySig.clone();
    this.webtransportCerthashes = webtransportCerthashes.stream().map(byte[]::clone).toList();
    this.streamMuxers = List.copyOf(streamMuxers);
  }

  /** The PublicKey protobuf bytes, empty when absent. */
  public byte[] identityKey() {
    return identityKey.clone();
  }

  public byte[] identitySig() {
    return identitySig.clone();
  }

  public List<byte[]> webtransportCerthashes() {
    return webtransportCerthashes.stream().map(byte[]::clone).toList();
  }

  public List<String> streamMuxers() {
    return streamMuxers;
  }

  public byte[] encode() {
    ProtoWriter out = new ProtoWriter()
        .bytesField(IDENTITY_KEY, identityKey)
        .bytesField(IDENTITY_SIG, identitySig);
    if (!webtransportCerthashes.isEmpty() || !streamMuxers.isEmpty()) {
      ProtoWriter extensions = new ProtoWriter();
      webtransportCerthashes.forEach(hash -> extensions.bytesField(CERTHASHES, hash));
      streamMuxers.forEach(muxer -> extensions.stringField(STREAM_MUXERS, muxer));
      out.bytesField(EXTENSIONS, extensions.toByteArray());
    }
    return out.toByteArray();
  }

  /** @throws NoiseException on malformed protobuf or a field over its bound */
  public static NoiseHandshakePayload decode(byte[] bytes) throws NoiseException {
    byte[] key = new byte[0];
    byte[] sig = new byte[0];
    List<byte[]> certhashes = new ArrayList<>();
    List<String> muxers = new ArrayList<>();
    ProtoReader in = new ProtoReader(bytes);
    while (in.hasMore()) {
      int tag = in.readTag();
      int field = ProtoReader.field(tag);
      if (field == IDENTITY_KEY) {
        requireLengthDelimited(tag);
        key = in.readBytes(MAX_IDENTITY_KEY, "identity_key");
      } else if (field == IDENTITY_SIG) {
        requireLengthDelimited(tag);
        sig = in.readBytes(MAX_IDENTITY_SIG, "identity_sig");
      } else if (field == EXTENSIONS) {
        requireLengthDelimited(tag);
        readExtensions(in.readMessage(MAX_EXTENSIONS, "extensions"), certhashes, muxers);
      } else {
        in.skip(ProtoReader.wireType(tag));
      }
    }
    return new NoiseHandshakePayload(key, sig, certhashes, muxers);
  }

  private static void readExtensions(ProtoReader in, List<byte[]> certhashes, List<String> muxers)
      throws NoiseException {
    while (in.hasMore()) {
      int tag = in.readTag();
      int field = ProtoReader.field(tag);
      if (field == CERTHASHES) {
        checkCount(certhashes.size(), "webtransport_certhashes");
        requireLengthDelimited(tag);
        certhashes.add(in.readBytes(MAX_ENTRY, "webtransport_certhash"));
      } else if (field == STREAM_MUXERS) {
        checkCount(muxers.size(), "stream_muxers");
        requireLengthDelimited(tag);
        muxers.add(utf8(in.readBytes(MAX_ENTRY, "stream_muxer")));
      } else {
        in.skip(ProtoReader.wireType(tag));
      }
    }
  }

  /** A wrong wire type on a known field is an error, not a field to skip. */
  private static void requireLengthDelimited(int tag) throws NoiseException {
    if (ProtoReader.wireType(tag) != ProtoReader.LENGTH_DELIMITED) {
      throw new NoiseException("payload field " + ProtoReader.field(tag) + " has wire type "
          + ProtoReader.wireType(tag) + ", expected 2");
    }
  }

  private static void checkCount(int count, String what) throws NoiseException {
    if (count >= MAX_LIST_ENTRIES) {
      throw new NoiseException("too many " + what + " (limit " + MAX_LIST_ENTRIES + ")");
    }
  }

  private static String utf8(byte[] bytes) throws NoiseException {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new NoiseException("stream_muxers entry is not valid UTF-8");
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NoiseHandshakePayload p
        && Arrays.equals(identityKey, p.identityKey)
        && Arrays.equals(identitySig, p.identitySig)
        && streamMuxers.equals(p.streamMuxers)
        && webtransportCerthashes.size() == p.webtransportCerthashes.size()
        && sameHashes(p.webtransportCerthashes);
  }

  private boolean sameHashes(List<byte[]> others) {
    for (int i = 0; i < others.size(); i++) {
      if (!Arrays.equals(webtransportCerthashes.get(i), others.get(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(identityKey) + streamMuxers.hashCode();
  }

  @Override
  public String toString() {
    return "NoiseHandshakePayload[identityKey=" + identityKey.length + " bytes, identitySig="
        + identitySig.length + " bytes, certhashes=" + webtransportCerthashes.size()
        + ", streamMuxers=" + streamMuxers + "]";
  }
}
