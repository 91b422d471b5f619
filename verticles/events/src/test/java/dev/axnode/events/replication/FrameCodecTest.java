package dev.axnode.events.replication;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.axnode.events.model.EventBlock;
import dev.axnode.events.model.EventLimits;
import dev.axnode.events.model.StoredEvent;
import dev.axnode.kernel.keys.NodeId;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Writer and reader agree on hand-built bytes, at the limits too. */
class FrameCodecTest {

  private static final HexFormat HEX = HexFormat.of();

  private static ReplicationFrame decodeOne(byte[] bytes) {
    FrameDecoder decoder = new FrameDecoder();
    decoder.feed(Buffer.buffer(bytes));
    ReplicationFrame frame = decoder.next();
    assertEquals(0, decoder.buffered(), "the frame is used up");
    return frame;
  }

  @Test
  void wantIsByteExact() {
    byte[] key = NodeId.parse(Frames.SOURCE.id).publicKey();
    // length 1 + 32 + 2 + 2 = 37 (0x25), type 02, key, from 300 = ac 02, max 10000 = 90 4e
    byte[] expected = Buffer.buffer().appendBytes(HEX.parseHex("2502")).appendBytes(key)
        .appendBytes(HEX.parseHex("ac02904e")).getBytes();
    ReplicationFrame want = new ReplicationFrame.Want(Frames.SOURCE.id, 300, 10_000);
    assertArrayEquals(expected, FrameCodec.encode(want).getBytes());
    assertEquals(want, decodeOne(expected));
  }

  @Test
  void errorIsByteExact() {
    byte[] expected = HEX.parseHex("0606bd2202" + "6e6f");
    ReplicationFrame error = new ReplicationFrame.Error(4413, "no");
    assertArrayEquals(expected, FrameCodec.encode(error).getBytes());
    assertEquals(error, decodeOne(expected));
  }

  @Test
  void everyFrameRoundTrips() {
    for (ReplicationFrame frame : Frames.all()) {
      ReplicationFrame back = decodeOne(FrameCodec.encode(frame).getBytes());
      assertArrayEquals(FrameCodec.encode(frame).getBytes(), FrameCodec.encode(back).getBytes(), frame.toString());
    }
    EventBlock block = ((ReplicationFrame.Block) Frames.all().get(2)).block();
    assertEquals(block.events(), ((ReplicationFrame.Block) decodeOne(FrameCodec.encode(
        new ReplicationFrame.Block(block)).getBytes())).block().events());
  }

  @Test
  void aBlockOfTheLargestPayloadFits() {
    byte[] payload = new byte[EventLimits.MAX_PAYLOAD_BYTES];
    String tag = "s".repeat(EventLimits.MAX_TAG_BYTES);
    List<StoredEvent> events = List.of(new StoredEvent(Frames.SOURCE.id, 0, Long.MAX_VALUE, Long.MAX_VALUE, tag, tag,
        Integer.MAX_VALUE, payload));
    EventBlock block = new EventBlock(Frames.SOURCE.id, 0, 0, new byte[64], events);
    byte[] wire = FrameCodec.encode(new ReplicationFrame.Block(block)).getBytes();
    assertEquals(block.events(), ((ReplicationFrame.Block) decodeOne(wire)).block().events());
  }

  @Test
  void aLengthAboveTheLimitIsRefusedBeforeItsBytesArrive() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    dev.axnode.kernel.net.Uvarint.write(out, FrameCodec.MAX_FRAME_BYTES + 1);
    FrameDecoder decoder = new FrameDecoder();
    decoder.feed(Buffer.buffer(out.toByteArray()));
    ReplicationProtocolException e = assertThrows(ReplicationProtocolException.class, decoder::next);
    assertTrue(e.getMessage().contains("frame of"), e.getMessage());
    // the largest allowed length waits for its bytes
    out.reset();
    dev.axnode.kernel.net.Uvarint.write(out, FrameCodec.MAX_FRAME_BYTES);
    FrameDecoder patient = new FrameDecoder();
    patient.feed(Buffer.buffer(out.toByteArray()));
    assertNull(patient.next());
  }

  @Test
  void malformedFramesAreRefusedWithTheirReason() {
    assertRefused("0109", "unknown frame type");
    assertRefused("8000", "not minimally");
    assertRefused("00", "a frame of 0 bytes");
    assertRefused("020400", "ends inside");
    // ERROR with a string claiming 3 bytes of which one is not UTF-8
    assertRefused("060600" + "03" + "61ff62", "not UTF-8");
    // HELLO with a count of sources larger than the bytes could hold
    assertRefused("0401010005", "counts 5 sources");
    // DONE with a trailing byte
    assertRefused(HEX.formatHex(withTrailingByte(FrameCodec.encode(new ReplicationFrame.Done(Frames.SOURCE.id, 1)))),
        "left over");
  }

  @Test
  void aBlockCountingMoreEventsThanItHoldsIsRefused() {
    EventBlock block = Frames.SOURCE.blocks(2, 2).get(0);
    byte[] wire = FrameCodec.encode(new ReplicationFrame.Block(block)).getBytes();
    // the count varint follows length(2 bytes), type, source(32), first(1 byte)
    int countAt = wire[0] < 0 ? 2 + 1 + 32 + 1 : 1 + 1 + 32 + 1;
    wire[countAt] = 3;
    FrameDecoder decoder = new FrameDecoder();
    decoder.feed(Buffer.buffer(wire));
    assertThrows(ReplicationProtocolException.class, decoder::next);
  }

  @Test
  void framesSplitAtEveryByteDecodeAlike() {
    byte[] wire = Frames.wire(Frames.all());
    for (int cut = 0; cut <= wire.length; cut++) {
      FrameDecoder decoder = new FrameDecoder();
      List<ReplicationFrame> frames = new ArrayList<>();
      decoder.feed(Buffer.buffer(java.util.Arrays.copyOfRange(wire, 0, cut)));
      for (ReplicationFrame f = decoder.next(); f != null; f = decoder.next()) {
        frames.add(f);
      }
      decoder.feed(Buffer.buffer(java.util.Arrays.copyOfRange(wire, cut, wire.length)));
      for (ReplicationFrame f = decoder.next(); f != null; f = decoder.next()) {
        frames.add(f);
      }
      assertArrayEquals(wire, Frames.wire(frames), "cut at " + cut);
    }
  }

  private static byte[] withTrailingByte(Buffer frame) {
    byte[] bytes = frame.getBytes();
    byte[] out = java.util.Arrays.copyOf(bytes, bytes.length + 1);
    out[0]++;
    return out;
  }

  private static void assertRefused(String hex, String reason) {
    FrameDecoder decoder = new FrameDecoder();
    decoder.feed(Buffer.buffer(HEX.parseHex(hex)));
    ReplicationProtocolException e = assertThrows(ReplicationProtocolException.class, decoder::next, hex);
    assertTrue(e.getMessage().contains(reason), e.getMessage() + " (expected: " + reason + ")");
    assertTrue(e.getMessage().startsWith("replication: "), e.getMessage());
  }
}
