package dev.axnode.events.replication;

import dev.axnode.events.model.EventBlock;
import dev.axnode.events.model.EventLimits;
import dev.axnode.events.model.OffsetMap;
import dev.axnode.events.model.StoredEvent;
import dev.axnode.kernel.keys.NodeId;
import dev.axnode.kernel.link.Buffers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes the frames of {@code /ax/events/1.0.0} (REPLICATION.md has the diagram):
 *
 * <pre>
 *   frame  = uvarint length ‖ u8 type ‖ body            length = 1 + |body|, ≤ MAX_FRAME_BYTES
 *   source = 32 bytes: the Ed25519 key inside the node ID
 *   string = uvarint n ‖ n bytes UTF-8
 *   HELLO  = uvarint version ‖ string topic ‖ uvarint count ‖ count × (source ‖ uvarint highest)
 *   WANT   = source ‖ uvarint from ‖ uvarint maxEvents
 *   BLOCK  = source ‖ uvarint first ‖ uvarint count ‖ 64-byte signature ‖ count × event
 *   event  = uvarint lamport ‖ uvarint timestamp ‖ string semantics ‖ string name
 *            ‖ uvarint keyEpoch ‖ uvarint n ‖ n payload bytes
 *   DONE   = source ‖ uvarint next          HAVE = source ‖ uvarint next
 *   ERROR  = uvarint code ‖ string message
 * </pre>
 *
 * {@link FrameDecoder} reads them back, strictly.
 */
public final class FrameCodec {

  public static final int VERSION = 1;
  public static final int SOURCE_BYTES = NodeId.KEY_LENGTH;
  public static final int SIGNATURE_BYTES = 64;
  /** Room for a BLOCK's own fields beside its events (source, first, count, signature), and for a HELLO's topic. */
  static final int HEADER_ROOM = 4096;
  /**
   * The longest frame: a block whose canonical entries ({@code EventEncoding}) fit
   * {@link EventLimits#MAX_BLOCK_BYTES} encodes shorter than that here (varints, no repeated
   * source), plus its own fields.
   */
  public static final int MAX_FRAME_BYTES = EventLimits.MAX_BLOCK_BYTES + HEADER_ROOM;
  /** The longest topic and ERROR message. */
  public static final int MAX_TEXT_BYTES = 1024;
  /** The most events one WANT may ask for. */
  public static final int MAX_WANT_EVENTS = 100_000;
  /** Bytes of the longest length varint (MAX_FRAME_BYTES &lt; 2^21). */
  private static final int LENGTH_ROOM = 3;

  private FrameCodec() {
  }

  /** The wire bytes of {@code frame}; IllegalArgumentException for a frame beyond the limits. */
  public static Buffer encode(ReplicationFrame frame) {
    ByteBuf body = Unpooled.buffer(frame instanceof ReplicationFrame.Block b ? estimate(b.block()) : 64);
    // room for the length varint in front, written once the body's length is known: no copy
    body.writerIndex(LENGTH_ROOM).readerIndex(LENGTH_ROOM);
    body.writeByte(frame.type().code());
    if (frame instanceof ReplicationFrame.Hello h) {
      writeHello(body, h);
    } else if (frame instanceof ReplicationFrame.Want w) {
      writeSource(body, w.source());
      writeVarint(body, w.from());
      writeVarint(body, w.maxEvents());
    } else if (frame instanceof ReplicationFrame.Block b) {
      writeBlock(body, b.block());
    } else if (frame instanceof ReplicationFrame.Done d) {
      writeSource(body, d.source());
      writeVarint(body, d.next());
    } else if (frame instanceof ReplicationFrame.Have h) {
      writeSource(body, h.source());
      writeVarint(body, h.next());
    } else if (frame instanceof ReplicationFrame.Error e) {
      writeVarint(body, e.code());
      writeString(body, truncate(e.message()));
    }
    if (body.readableBytes() > MAX_FRAME_BYTES) {
      throw new IllegalArgumentException("a " + frame.type() + " frame of " + body.readableBytes()
          + " bytes, above the limit " + MAX_FRAME_BYTES);
    }
    int length = body.readableBytes();
    int start = LENGTH_ROOM - varintSize(length);
    int end = body.writerIndex();
    body.setIndex(start, start);
    writeVarint(body, length);
    body.setIndex(start, end);
    return Buffers.buffer(body);
  }

  private static void writeHello(ByteBuf body, ReplicationFrame.Hello h) {
    writeVarint(body, h.version());
    writeString(body, h.topic());
    Map<String, Long> offsets = h.present().asMap();
    writeVarint(body, offsets.size());
    offsets.forEach((source, highest) -> {
      writeSource(body, source);
      writeVarint(body, highest);
    });
  }

  private static void writeBlock(ByteBuf body, EventBlock block) {
    writeSource(body, block.source());
    writeVarint(body, block.first());
    writeVarint(body, block.size());
    if (block.signature().length != SIGNATURE_BYTES) {
      throw new IllegalArgumentException("a block signature has 64 bytes, not " + block.signature().length);
    }
    body.writeBytes(block.signature());
    // consecutive events mostly share their tags: encode each once
    String semantics = null;
    byte[] semanticsBytes = null;
    String name = null;
    byte[] nameBytes = null;
    for (StoredEvent e : block.events()) {
      writeVarint(body, e.lamport());
      writeVarint(body, e.timestamp());
      if (!e.semantics().equals(semantics)) {
        semantics = e.semantics();
        semanticsBytes = semantics.getBytes(StandardCharsets.UTF_8);
      }
      if (!e.name().equals(name)) {
        name = e.name();
        nameBytes = name.getBytes(StandardCharsets.UTF_8);
      }
      writeVarint(body, semanticsBytes.length);
      body.writeBytes(semanticsBytes);
      writeVarint(body, nameBytes.length);
      body.writeBytes(nameBytes);
      writeVarint(body, e.keyEpoch());
      writeVarint(body, e.payload().length);
      body.writeBytes(e.payload());
    }
  }

  private static int estimate(EventBlock block) {
    long bytes = 128 + LENGTH_ROOM;
    for (StoredEvent e : block.events()) {
      bytes += e.payload().length + e.semantics().length() + e.name().length() + 32;
    }
    return (int) Math.min(bytes, MAX_FRAME_BYTES + LENGTH_ROOM);
  }

  private static String truncate(String message) {
    String text = message == null ? "" : message;
    return text.length() > MAX_TEXT_BYTES / 4 ? text.substring(0, MAX_TEXT_BYTES / 4) : text;
  }

  static void writeSource(ByteBuf out, String source) {
    out.writeBytes(NodeId.parse(source).publicKey());
  }

  static void writeString(ByteBuf out, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    writeVarint(out, bytes.length);
    out.writeBytes(bytes);
  }

  private static int varintSize(long value) {
    int size = 1;
    for (long v = value >>> 7; v != 0; v >>>= 7) {
      size++;
    }
    return size;
  }

  /** Unsigned LEB128, as kernel {@code Uvarint} writes it, straight into a ByteBuf. */
  static void writeVarint(ByteBuf out, long value) {
    if (value < 0) {
      throw new IllegalArgumentException("a negative number on the wire: " + value);
    }
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.writeByte((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.writeByte((int) v);
  }
}
