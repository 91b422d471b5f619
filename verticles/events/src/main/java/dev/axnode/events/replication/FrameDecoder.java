package dev.axnode.events.replication;

import dev.axnode.events.model.EventBlock;
import dev.axnode.events.model.EventLimits;
import dev.axnode.events.model.OffsetMap;
import dev.axnode.events.model.StoredEvent;
import dev.axnode.kernel.keys.NodeId;
import dev.axnode.kernel.link.Buffers;
import dev.axnode.kernel.net.Uvarint;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@link FrameCodec}'s frames from a byte stream cut anywhere. Strict and bounded: a
 * length above {@link FrameCodec#MAX_FRAME_BYTES} is refused as soon as its varint is read,
 * before any of the frame is buffered; varints must be minimal and at most 9 bytes; every
 * count and length is checked against what is left of the frame before anything is
 * allocated for it; strings must be valid UTF-8 within {@link EventLimits}; a frame must be
 * used up exactly. Every failure is a {@link ReplicationProtocolException}. One per stream;
 * not thread-safe.
 */
public final class FrameDecoder {

  /** The labels of the two tag lengths in errors: built once, not for every event of every block. */
  private static final String SEMANTICS_LENGTH = "semantics length";
  private static final String NAME_LENGTH = "name length";
  /** Node IDs already spelled out: a peer names few sources, each in many frames. */
  private static final int SOURCE_CACHE = 256;

  /** The largest emptied gathering buffer kept for reuse. */
  private static final int MAX_SPARE_BYTES = 256 * 1024;

  private ByteBuf pending = Unpooled.EMPTY_BUFFER;
  private ByteBuf spare;
  /** Whether {@link #pending} is this decoder's own gathering buffer (else a chunk as it arrived). */
  private boolean owned;
  private final Map<ByteBuffer, String> sources = new HashMap<>();

  /**
   * Adds bytes that arrived. A chunk is used in place while it holds whole frames; the bytes of
   * a frame spread over chunks gather in one buffer of this decoder that grows by doubling
   * (with what arrived, never with what a length claims), so a frame arriving in many small
   * chunks costs linear, not quadratic, copying. An emptied gathering buffer of at most
   * {@link #MAX_SPARE_BYTES} is kept for the next such frame: in a catch-up most frames span
   * chunks, and a new buffer for each was most of what a received event allocated.
   */
  public void feed(Buffer data) {
    ByteBuf in = Buffers.byteBuf(data);
    if (!pending.isReadable()) {
      if (owned && pending.capacity() <= MAX_SPARE_BYTES) {
        // nothing still refers to its bytes: every frame copies what it keeps out of them
        spare = pending;
      }
      pending = in;
      owned = false;
      return;
    }
    if (!owned) {
      int wanted = Math.max(256, 2 * (pending.readableBytes() + in.readableBytes()));
      ByteBuf gathered = spare != null && spare.capacity() >= wanted ? spare.clear() : Unpooled.buffer(wanted);
      spare = null;
      gathered.writeBytes(pending);
      pending = gathered;
      owned = true;
    } else if (pending.readerIndex() > pending.capacity() / 2) {
      pending.discardReadBytes();
    }
    pending.writeBytes(in);
  }

  /** Bytes fed and not yet decoded. */
  public int buffered() {
    return pending.readableBytes();
  }

  /** The next complete frame, or null when more bytes are needed. */
  public ReplicationFrame next() {
    int start = pending.readerIndex();
    long length = readLength(pending);
    if (length < 0) {
      return null;
    }
    if (pending.readableBytes() < length) {
      pending.readerIndex(start);
      return null;
    }
    ByteBuf body = pending.readSlice((int) length);
    return decodeBody(body);
  }

  /** The frame length, -1 when its varint is incomplete. */
  private static long readLength(ByteBuf in) {
    long value = 0;
    int start = in.readerIndex();
    for (int i = 0; i < Uvarint.MAX_BYTES; i++) {
      if (!in.isReadable()) {
        in.readerIndex(start);
        return -1;
      }
      int b = in.readUnsignedByte();
      value |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) {
          throw new ReplicationProtocolException("a frame length varint not minimally encoded");
        }
        if (value == 0 || value > FrameCodec.MAX_FRAME_BYTES) {
          throw new ReplicationProtocolException("a frame of " + value + " bytes (1.." + FrameCodec.MAX_FRAME_BYTES + ")");
        }
        return value;
      }
      if (value > FrameCodec.MAX_FRAME_BYTES) {
        throw new ReplicationProtocolException("a frame length above " + FrameCodec.MAX_FRAME_BYTES);
      }
    }
    throw new ReplicationProtocolException("a frame length varint longer than " + Uvarint.MAX_BYTES + " bytes");
  }

  private ReplicationFrame decodeBody(ByteBuf body) {
    int code = body.readUnsignedByte();
    FrameType type = FrameType.of(code);
    if (type == null) {
      throw new ReplicationProtocolException("unknown frame type 0x" + Integer.toHexString(code));
    }
    ReplicationFrame frame = switch (type) {
      case HELLO -> readHello(body);
      case WANT -> new ReplicationFrame.Want(readSource(body), readVarint(body, "from"),
          (int) readBounded(body, 1, FrameCodec.MAX_WANT_EVENTS, "WANT maxEvents"));
      case BLOCK -> new ReplicationFrame.Block(readBlock(body));
      case DONE -> new ReplicationFrame.Done(readSource(body), readVarint(body, "next"));
      case HAVE -> new ReplicationFrame.Have(readSource(body), readVarint(body, "next"));
      case ERROR -> new ReplicationFrame.Error((int) readBounded(body, 0, Integer.MAX_VALUE, "error code"),
          readString(body, FrameCodec.MAX_TEXT_BYTES, "error message"));
    };
    if (body.isReadable()) {
      throw new ReplicationProtocolException(body.readableBytes() + " bytes left over after a " + type + " frame");
    }
    return frame;
  }

  private ReplicationFrame.Hello readHello(ByteBuf body) {
    int version = (int) readBounded(body, 1, Integer.MAX_VALUE, "version");
    String topic = readString(body, FrameCodec.MAX_TEXT_BYTES, "topic");
    long count = readVarint(body, "source count");
    // each entry takes at least a source and a one-byte varint
    if (count > body.readableBytes() / (FrameCodec.SOURCE_BYTES + 1)) {
      throw new ReplicationProtocolException("HELLO counts " + count + " sources in " + body.readableBytes() + " bytes");
    }
    TreeMap<String, Long> present = new TreeMap<>();
    for (long i = 0; i < count; i++) {
      String source = readSource(body);
      if (present.put(source, readVarint(body, "offset")) != null) {
        throw new ReplicationProtocolException("HELLO names source " + source + " twice");
      }
    }
    return new ReplicationFrame.Hello(version, topic, OffsetMap.of(present));
  }

  private EventBlock readBlock(ByteBuf body) {
    String source = readSource(body);
    long first = readVarint(body, "first");
    int count = (int) readBounded(body, 1, EventLimits.MAX_BLOCK_EVENTS, "block event count");
    // an event takes at least 6 bytes: four one-byte varints and two empty strings
    if (count > (body.readableBytes() - FrameCodec.SIGNATURE_BYTES) / 6) {
      throw new ReplicationProtocolException("a block counts " + count + " events in " + body.readableBytes() + " bytes");
    }
    if (Long.MAX_VALUE - first < count) {
      throw new ReplicationProtocolException("a block's offsets pass 2^63");
    }
    byte[] signature = readBytes(body, FrameCodec.SIGNATURE_BYTES, "signature");
    List<StoredEvent> events = new ArrayList<>(count);
    String semantics = "";
    String name = "";
    for (int i = 0; i < count; i++) {
      long lamport = readVarint(body, "lamport");
      long timestamp = readVarint(body, "timestamp");
      // consecutive events mostly share their tags: keep one String of each
      semantics = readTag(body, semantics, "semantics", SEMANTICS_LENGTH);
      name = readTag(body, name, "name", NAME_LENGTH);
      int keyEpoch = (int) readBounded(body, 0, Integer.MAX_VALUE, "keyEpoch");
      int length = (int) readBounded(body, 0, EventLimits.MAX_PAYLOAD_BYTES, "payload length");
      byte[] payload = readBytes(body, length, "payload");
      events.add(new StoredEvent(source, first + i, lamport, timestamp, semantics, name, keyEpoch, payload));
    }
    return new EventBlock(source, first, first + count - 1, signature, events);
  }

  private String readSource(ByteBuf body) {
    if (body.readableBytes() < FrameCodec.SOURCE_BYTES) {
      throw new ReplicationProtocolException("a frame ends inside a source");
    }
    byte[] key = new byte[FrameCodec.SOURCE_BYTES];
    body.readBytes(key);
    ByteBuffer wrapped = ByteBuffer.wrap(key);
    String known = sources.get(wrapped);
    if (known != null) {
      return known;
    }
    if (sources.size() >= SOURCE_CACHE) {
      sources.clear();
    }
    String text = NodeId.ofPublicKey(key).toString();
    sources.put(wrapped, text);
    return text;
  }

  private static long readBounded(ByteBuf body, long min, long max, String what) {
    long value = readVarint(body, what);
    if (value < min || value > max) {
      throw new ReplicationProtocolException(what + " " + value + " outside " + min + ".." + max);
    }
    return value;
  }

  /** A minimal varint of at most 9 bytes (so never above 2^63 - 1) within the frame. */
  private static long readVarint(ByteBuf body, String what) {
    long value = 0;
    for (int i = 0; i < Uvarint.MAX_BYTES; i++) {
      if (!body.isReadable()) {
        throw new ReplicationProtocolException("a frame ends inside the varint " + what);
      }
      int b = body.readUnsignedByte();
      value |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) {
          throw new ReplicationProtocolException("the varint " + what + " is not minimally encoded");
        }
        return value;
      }
    }
    throw new ReplicationProtocolException("the varint " + what + " is longer than " + Uvarint.MAX_BYTES + " bytes");
  }

  private static boolean isAscii(ByteBuf body, int length) {
    int at = body.readerIndex();
    for (int i = 0; i < length; i++) {
      if (body.getByte(at + i) < 0) {
        return false;
      }
    }
    return true;
  }

  private static byte[] readBytes(ByteBuf body, int length, String what) {
    if (body.readableBytes() < length) {
      throw new ReplicationProtocolException("a frame ends inside the " + what + " (" + length + " bytes)");
    }
    byte[] bytes = new byte[length];
    body.readBytes(bytes);
    return bytes;
  }

  /**
   * A semantics or name; {@code previous} again when the bytes spell it (ASCII tags compared
   * without decoding). {@code lengthLabel} names the length in errors, spelled out once.
   */
  private static String readTag(ByteBuf body, String previous, String what, String lengthLabel) {
    int start = body.readerIndex();
    int length = (int) readBounded(body, 0, EventLimits.MAX_TAG_BYTES, lengthLabel);
    if (length == previous.length() && body.readableBytes() >= length && sameAscii(body, previous)) {
      body.skipBytes(length);
      return previous;
    }
    body.readerIndex(start);
    return readString(body, EventLimits.MAX_TAG_BYTES, what, lengthLabel);
  }

  private static boolean sameAscii(ByteBuf body, String text) {
    int at = body.readerIndex();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x80 || body.getByte(at + i) != c) {
        return false;
      }
    }
    return true;
  }

  private static String readString(ByteBuf body, int max, String what) {
    return readString(body, max, what, what + " length");
  }

  private static String readString(ByteBuf body, int max, String what, String lengthLabel) {
    int length = (int) readBounded(body, 0, max, lengthLabel);
    if (body.readableBytes() < length) {
      throw new ReplicationProtocolException("a frame ends inside the " + what);
    }
    if (isAscii(body, length)) {
      String text = body.toString(body.readerIndex(), length, StandardCharsets.US_ASCII);
      body.skipBytes(length);
      return text;
    }
    ByteBuffer bytes = body.nioBuffer(body.readerIndex(), length);
    body.skipBytes(length);
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
    } catch (CharacterCodingException e) {
      throw new ReplicationProtocolException("the " + what + " is not UTF-8");
    }
  }
}
