package dev.axnode.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a list of abstract actions into the bytes a well-behaved dialer peer would send to
 * a listener session: odd stream ids, SYN before use, data well within the window.
 */
final class PeerScript {

  enum Kind { OPEN, OPEN_WITH_DATA, DATA, WINDOW_UPDATE, FIN, RST, PING, PING_ACK, STRAY }

  record Action(Kind kind, int stream, int size) {
  }

  private final List<Long> open = new ArrayList<>();
  private final List<Long> closed = new ArrayList<>();
  private final ByteBuf out = Unpooled.buffer();
  private long nextId = 1;

  static byte[] render(List<Action> actions) {
    PeerScript script = new PeerScript();
    actions.forEach(script::apply);
    byte[] bytes = ByteBufUtil.getBytes(script.out);
    script.out.release();
    return bytes;
  }

  private void apply(Action a) {
    if (open.isEmpty() && a.kind().ordinal() >= Kind.DATA.ordinal() && a.kind().ordinal() <= Kind.RST.ordinal()) {
      apply(new Action(Kind.OPEN, 0, 0));
    }
    long id = open.isEmpty() ? 0 : open.get(Math.floorMod(a.stream(), open.size()));
    switch (a.kind()) {
      case OPEN -> write(FrameHeader.windowUpdate(opened(), Flags.SYN, 0), 0);
      case OPEN_WITH_DATA -> write(FrameHeader.data(opened(), Flags.SYN, a.size()), a.size());
      case DATA -> write(FrameHeader.data(id, 0, a.size()), a.size());
      case WINDOW_UPDATE -> write(FrameHeader.windowUpdate(id, 0, a.size()), 0);
      case FIN -> {
        write(FrameHeader.windowUpdate(id, Flags.FIN, 0), 0);
        close(id);
      }
      case RST -> {
        write(FrameHeader.data(id, Flags.RST, 0), 0);
        close(id);
      }
      case PING -> write(FrameHeader.ping(Flags.SYN, a.size()), 0);
      case PING_ACK -> write(FrameHeader.ping(Flags.ACK, a.size()), 0);
      case STRAY -> {
        // A late window update for a stream this peer already ended: legal, ignored.
        if (!closed.isEmpty()) {
          write(FrameHeader.windowUpdate(closed.get(Math.floorMod(a.stream(), closed.size())), 0, a.size()), 0);
        }
      }
      default -> throw new IllegalStateException();
    }
  }

  private void close(long id) {
    open.remove(id);
    closed.add(id);
  }

  private long opened() {
    long id = nextId;
    nextId += 2;
    open.add(id);
    return id;
  }

  private void write(FrameHeader h, int payloadSize) {
    ByteBuf payload = Unpooled.buffer(payloadSize);
    for (int i = 0; i < payloadSize; i++) {
      payload.writeByte(i);
    }
    ByteBuf frame = FrameCodec.encode(UnpooledByteBufAllocator.DEFAULT, h, payload);
    out.writeBytes(frame);
    frame.release();
  }
}
