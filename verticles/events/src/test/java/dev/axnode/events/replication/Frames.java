package dev.axnode.events.replication;

import dev.axnode.events.model.OffsetMap;
import io.vertx.core.buffer.Buffer;

import java.util.List;
import java.util.Map;

/** A catalogue of valid frames for the codec and fuzz tests. */
final class Frames {

  private Frames() {
  }

  static final TestSource SOURCE = new TestSource();
  static final TestSource OTHER = new TestSource();

  /** One frame of each type, a block of three events among them. */
  static List<ReplicationFrame> all() {
    return List.of(
        new ReplicationFrame.Hello(1, "default-topic", OffsetMap.of(Map.of(SOURCE.id, 41L, OTHER.id, 0L))),
        new ReplicationFrame.Want(SOURCE.id, 42, 10_000),
        new ReplicationFrame.Block(SOURCE.blocks(3, 3).get(0)),
        new ReplicationFrame.Done(SOURCE.id, 45),
        new ReplicationFrame.Have(OTHER.id, 7),
        new ReplicationFrame.Error(4413, "block refused: signature"));
  }

  /** The wire bytes of {@code frames}, one after the other. */
  static byte[] wire(List<ReplicationFrame> frames) {
    Buffer out = Buffer.buffer();
    frames.forEach(f -> out.appendBuffer(FrameCodec.encode(f)));
    return out.getBytes();
  }
}
