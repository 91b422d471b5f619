package dev.axnode.securechannel.protocols;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Hand-written, bounded protobuf codec of the identify message.
 *
 * <pre>
 *   stream  := ( uvarint(len) ‖ Identify[len] )+ FIN     len ≤ 8 KiB; go may send two, merged
 *   Identify := ( varint(field &lt;&lt; 3 | wireType) ‖ value )*
 *     1 publicKey        bytes   PublicKey protobuf: 08 01 12 20 ‖ Ed25519 key
 *     2 listenAddrs      bytes   repeated, binary multiaddr
 *     3 protocols        string  repeated
 *     4 observedAddr     bytes
 *     5 protocolVersion  string  "ipfs/0.1.0"
 *     6 agentVersion     string  "ax-node/&lt;version&gt;"
 *     8 signedPeerRecord bytes   skipped, like every unknown field
 * </pre>
 *
 * <p>Spec: https://github.com/libp2p/specs/blob/master/identify/README.md. Encoding writes
 * fields in number order, so it is deterministic. Decoding checks every length against the
 * bytes left before copying anything, so it never allocates more than its input.
 */
public final class IdentifyCodec {

  /** Largest identify message, as js-libp2p and go-libp2p bound it. */
  public static final int MAX_MESSAGE_SIZE = 8 * 1024;
  /** Messages accepted on one stream (go splits a large message in two). */
  public static final int MAX_MESSAGES = 2;
  /** Bytes accepted on one identify stream: two maximal messages and their prefixes. */
  public static final int MAX_STREAM_BYTES = MAX_MESSAGES * (MAX_MESSAGE_SIZE + 2);

  private static final int VARINT = 0;
  private static final int FIXED64 = 1;
  private static final int LEN = 2;
  private static final int FIXED32 = 5;

  private IdentifyCodec() {
  }

  /** The protobuf bytes, without length prefix. */
  public static byte[] encode(IdentifyMessage message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (message.publicKey() != null) {
      writeBytes(out, 1, message.publicKey());
    }
    for (byte[] addr : message.listenAddrs()) {
      writeBytes(out, 2, addr);
    }
    for (String protocol : message.protocols()) {
      writeBytes(out, 3, protocol.getBytes(StandardCharsets.UTF_8));
    }
    if (message.observedAddr() != null) {
      writeBytes(out, 4, message.observedAddr());
    }
    if (message.protocolVersion() != null) {
      writeBytes(out, 5, message.protocolVersion().getBytes(StandardCharsets.UTF_8));
    }
    if (message.agentVersion() != null) {
      writeBytes(out, 6, message.agentVersion().getBytes(StandardCharsets.UTF_8));
    }
    if (out.size() > MAX_MESSAGE_SIZE) {
      throw new IdentifyException("message of " + out.size() + " bytes exceeds " + MAX_MESSAGE_SIZE);
    }
    return out.toByteArray();
  }

  /** {@code uvarint(len) ‖ protobuf}, as written on the stream. */
  public static ByteBuf encodeFramed(IdentifyMessage message) {
    byte[] body = encode(message);
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 2);
    writeVarint(out, body.length);
    out.writeBytes(body);
    return Unpooled.wrappedBuffer(out.toByteArray());
  }

  /** Decodes one protobuf message (no length prefix). */
  public static IdentifyMessage decode(byte[] bytes) {
    if (bytes.length > MAX_MESSAGE_SIZE) {
      throw new IdentifyException("message of " + bytes.length + " bytes exceeds " + MAX_MESSAGE_SIZE);
    }
    Fields fields = new Fields();
    fields.read(new Reader(bytes, 0, bytes.length));
    return fields.toMessage();
  }

  /**
   * Decodes everything a responder sent before its FIN: one or more length-prefixed
   * messages, merged as protobuf merges (repeated fields append, later scalars win).
   */
  public static IdentifyMessage decodeStream(byte[] bytes) {
    if (bytes.length > MAX_STREAM_BYTES) {
      throw new IdentifyException("stream of " + bytes.length + " bytes exceeds " + MAX_STREAM_BYTES);
    }
    if (bytes.length == 0) {
      throw new IdentifyException("stream ended without a message");
    }
    Reader in = new Reader(bytes, 0, bytes.length);
    Fields fields = new Fields();
    for (int count = 1; in.hasMore(); count++) {
      if (count > MAX_MESSAGES) {
        throw new IdentifyException("more than " + MAX_MESSAGES + " messages");
      }
      long length = in.varint("length prefix");
      // a 10-byte varint can be negative as a long: unsigned, it is over the limit too
      if (length < 0 || length > MAX_MESSAGE_SIZE) {
        throw new IdentifyException("message length " + Long.toUnsignedString(length) + " exceeds " + MAX_MESSAGE_SIZE);
      }
      fields.read(in.sub((int) length, "message"));
    }
    return fields.toMessage();
  }

  private static void writeBytes(ByteArrayOutputStream out, int field, byte[] value) {
    writeVarint(out, ((long) field << 3) | LEN);
    writeVarint(out, value.length);
    out.writeBytes(value);
  }

  private static void writeVarint(ByteArrayOutputStream out, long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  /** Field values gathered from one or more messages. */
  private static final class Fields {
    private byte[] publicKey;
    private final List<byte[]> listenAddrs = new ArrayList<>();
    private final List<String> protocols = new ArrayList<>();
    private byte[] observedAddr;
    private String protocolVersion;
    private String agentVersion;

    void read(Reader in) {
      while (in.hasMore()) {
        long tag = in.varint("field tag");
        long field = tag >>> 3;
        int wireType = (int) (tag & 7);
        if (field == 0) {
          throw new IdentifyException("protobuf field number 0");
        }
        if (field >= 1 && field <= 6) {
          if (wireType != LEN) {
            throw new IdentifyException("field " + field + " has wire type " + wireType + ", expected 2");
          }
          readKnown((int) field, in);
        } else {
          skip(wireType, field, in);
        }
      }
    }

    private void readKnown(int field, Reader in) {
      switch (field) {
        case 1 -> publicKey = in.lengthDelimited("publicKey");
        case 2 -> listenAddrs.add(in.lengthDelimited("listenAddrs"));
        case 3 -> protocols.add(utf8(in.lengthDelimited("protocols"), "protocols"));
        case 4 -> observedAddr = in.lengthDelimited("observedAddr");
        case 5 -> protocolVersion = utf8(in.lengthDelimited("protocolVersion"), "protocolVersion");
        default -> agentVersion = utf8(in.lengthDelimited("agentVersion"), "agentVersion");
      }
    }

    private static void skip(int wireType, long field, Reader in) {
      switch (wireType) {
        case VARINT -> in.varint("field " + field);
        case FIXED64 -> in.skip(8, "field " + field);
        case LEN -> in.skip(in.length("field " + field), "field " + field);
        case FIXED32 -> in.skip(4, "field " + field);
        default -> throw new IdentifyException("unsupported protobuf wire type " + wireType + " in field " + field);
      }
    }

    IdentifyMessage toMessage() {
      return new IdentifyMessage(publicKey, listenAddrs, protocols, observedAddr, protocolVersion, agentVersion);
    }
  }

  private static String utf8(byte[] bytes, String what) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new IdentifyException(what + " is not valid UTF-8", e);
    }
  }

  /** Bounded sequential reads over {@code bytes[position, end)}. */
  private static final class Reader {
    private final byte[] bytes;
    private final int end;
    private int position;

    Reader(byte[] bytes, int position, int end) {
      this.bytes = bytes;
      this.position = position;
      this.end = end;
    }

    boolean hasMore() {
      return position < end;
    }

    long varint(String what) {
      long value = 0;
      for (int i = 0; i < 10; i++) {
        if (position >= end) {
          throw new IdentifyException("truncated varint in " + what);
        }
        int b = bytes[position++] & 0xFF;
        if (i == 9 && b > 1) {
          throw new IdentifyException("varint overflows 64 bits in " + what);
        }
        value |= (long) (b & 0x7F) << (7 * i);
        if ((b & 0x80) == 0) {
          return value;
        }
      }
      throw new IdentifyException("varint longer than 10 bytes in " + what);
    }

    int length(String what) {
      long length = varint(what);
      if (length < 0 || length > end - position) {
        throw new IdentifyException(what + ": length " + Long.toUnsignedString(length) + " exceeds the "
            + (end - position) + " bytes left");
      }
      return (int) length;
    }

    byte[] lengthDelimited(String what) {
      int length = length(what);
      byte[] value = Arrays.copyOfRange(bytes, position, position + length);
      position += length;
      return value;
    }

    void skip(int count, String what) {
      if (count > end - position) {
        throw new IdentifyException("truncated " + what);
      }
      position += count;
    }

    Reader sub(int length, String what) {
      if (length > end - position) {
        throw new IdentifyException(what + " of " + length + " bytes truncated to " + (end - position));
      }
      Reader nested = new Reader(bytes, position, position + length);
      position += length;
      return nested;
    }
  }
}
