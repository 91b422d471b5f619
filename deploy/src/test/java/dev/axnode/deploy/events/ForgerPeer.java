package dev.axnode.deploy.events;

import dev.axnode.events.replication.FrameCodec;
import dev.axnode.events.replication.FrameDecoder;
import dev.axnode.events.replication.ReplicationFrame;
import dev.axnode.kernel.keys.NodeId;
import dev.axnode.kernel.keys.SwarmKey;
import dev.axnode.securechannel.multistream.MultistreamException;
import dev.axnode.securechannel.multistream.MultistreamMessage;
import dev.axnode.yamux.Flags;
import dev.axnode.yamux.Frame;
import dev.axnode.yamux.FrameHeader;
import dev.axnode.yamux.FrameType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * A swarm member that forges: a secured yamux session to a node (see {@link ForgerWire}) on which
 * it opens {@code /ax/events/1.0.0} streams and writes whatever replication frames (or bytes) it
 * likes. A reader thread answers pings, resets streams the node opens, returns window credit for
 * everything it reads and decodes what the node sends on each of our streams.
 */
final class ForgerPeer implements AutoCloseable {

  static final String PROTOCOL = "/ax/events/1.0.0";

  private final ForgerWire wire;
  private final dev.axnode.yamux.FrameCodec codec = new dev.axnode.yamux.FrameCodec();
  private final ByteBuf plain = Unpooled.buffer();
  private final Map<Long, Stream> streams = new HashMap<>();
  private long nextStreamId = 1;
  private String closed;

  /** One stream of ours: its raw bytes until multistream agreed, then replication frames. */
  private static final class Stream {
    final ByteBuf raw = Unpooled.buffer();
    final FrameDecoder frames = new FrameDecoder();
    boolean negotiated;
    boolean reset;
    boolean finished;
  }

  private ForgerPeer(ForgerWire wire) {
    this.wire = wire;
    plain.writeBytes(wire.leftover());
    Thread reader = new Thread(this::readLoop, "forger-reader");
    reader.setDaemon(true);
    reader.start();
  }

  static ForgerPeer connect(int swarmPort, SwarmKey swarmKey, Ed25519PrivateKeyParameters identity, NodeId node)
      throws IOException {
    return new ForgerPeer(ForgerWire.dial(swarmPort, swarmKey, identity, node));
  }

  /** Opens a stream, negotiates {@code /ax/events/1.0.0} on it and returns its id. */
  long openReplication(Duration timeout) throws IOException, InterruptedException {
    long id;
    synchronized (this) {
      id = nextStreamId;
      nextStreamId += 2;
      streams.put(id, new Stream());
    }
    send(FrameHeader.windowUpdate(id, Flags.SYN, 0), new byte[0]);
    send(FrameHeader.data(id, 0, 0), ForgerWire.multistream(PROTOCOL));
    expectMessage(id, MultistreamMessage.HEADER.text(), timeout);
    expectMessage(id, PROTOCOL, timeout);
    synchronized (this) {
      Stream stream = streams.get(id);
      stream.negotiated = true;
      feed(stream);
    }
    return id;
  }

  /** Writes one replication frame on {@code id}. */
  void sendFrame(long id, ReplicationFrame frame) throws IOException {
    sendBytes(id, FrameCodec.encode(frame).getBytes());
  }

  /** Writes raw bytes on {@code id}: what a peer sending garbage does. */
  void sendBytes(long id, byte[] bytes) throws IOException {
    send(FrameHeader.data(id, 0, bytes.length), bytes);
  }

  /** The next replication frame the node sent on {@code id}; an IOException if the stream ended first. */
  synchronized ReplicationFrame nextFrame(long id, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Stream stream = streams.get(id);
    ReplicationFrame frame;
    while ((frame = stream.frames.next()) == null) {
      if (stream.reset || stream.finished || closed != null) {
        throw new IOException("stream " + id + " ended by the node (reset " + stream.reset + ", closed " + closed + ")");
      }
      awaitChange(deadline, "a frame on stream " + id);
    }
    return frame;
  }

  /** Waits until the node resets {@code id} (or FINs it); false at the time limit. */
  synchronized boolean awaitEnded(long id, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Stream stream = streams.get(id);
    while (!stream.reset && !stream.finished && closed == null) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return stream.reset || stream.finished;
  }

  /** Whether the node closed the whole connection (it should not for a forged block). */
  synchronized String closedReason() {
    return closed;
  }

  private void expectMessage(long id, String text, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      Stream stream = streams.get(id);
      MultistreamMessage message;
      try {
        while ((message = MultistreamMessage.decode(stream.raw)) == null) {
          if (stream.reset || closed != null) {
            throw new IOException("stream " + id + " refused: reset " + stream.reset + ", closed " + closed);
          }
          awaitChange(deadline, "'" + text + "' on stream " + id);
        }
      } catch (MultistreamException e) {
        throw new IOException(e.getMessage(), e);
      }
      if (!message.text().equals(text)) {
        throw new IOException("stream " + id + ": expected '" + text + "', got " + message.describe());
      }
    }
  }

  private void awaitChange(long deadline, String what) throws IOException, InterruptedException {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new IOException("no " + what + " within the time limit");
    }
    wait(Math.max(1, left / 1_000_000));
  }

  private void send(FrameHeader header, byte[] payload) throws IOException {
    ByteBuf out = Unpooled.buffer(FrameHeader.SIZE + payload.length);
    dev.axnode.yamux.FrameCodec.writeHeader(header.type() == FrameType.DATA
        ? FrameHeader.data(header.streamId(), header.flags(), payload.length) : header, out);
    out.writeBytes(payload);
    byte[] bytes = new byte[out.readableBytes()];
    out.readBytes(bytes);
    wire.writePlain(bytes);
  }

  private void readLoop() {
    try {
      while (true) {
        Frame frame;
        while ((frame = codec.decode(plain, header -> Long.MAX_VALUE)) == null) {
          plain.writeBytes(wire.readPlain());
        }
        try {
          dispatch(frame.header(), frame.payload());
        } finally {
          frame.payload().release();
        }
      }
    } catch (IOException | RuntimeException e) {
      synchronized (this) {
        closed = String.valueOf(e.getMessage());
        notifyAll();
      }
    }
  }

  private void dispatch(FrameHeader header, ByteBuf payload) throws IOException {
    if (header.type() == FrameType.PING) {
      if (header.has(Flags.SYN)) {
        send(FrameHeader.ping(Flags.ACK, header.length()), new byte[0]);
      }
      return;
    }
    if (header.type() == FrameType.GO_AWAY) {
      throw new IOException("GO_AWAY " + header.length());
    }
    long id = header.streamId();
    if (header.has(Flags.SYN) && id % 2 == 0) {
      // identify and ping of the node: a forger answers none of them
      send(FrameHeader.windowUpdate(id, Flags.RST, 0), new byte[0]);
      return;
    }
    int length = payload.readableBytes();
    boolean open;
    synchronized (this) {
      Stream stream = streams.get(id);
      if (stream != null) {
        stream.raw.writeBytes(payload);
        stream.reset |= header.has(Flags.RST);
        stream.finished |= header.has(Flags.FIN);
        if (stream.negotiated) {
          feed(stream);
        }
      }
      open = stream != null && !stream.reset && !stream.finished;
      notifyAll();
    }
    if (open && header.type() == FrameType.DATA && length > 0) {
      send(FrameHeader.windowUpdate(id, 0, length), new byte[0]);
    }
  }

  private void feed(Stream stream) {
    if (stream.raw.isReadable()) {
      byte[] bytes = new byte[stream.raw.readableBytes()];
      stream.raw.readBytes(bytes);
      stream.frames.feed(Buffer.buffer(bytes));
    }
  }

  @Override
  public void close() {
    wire.close();
  }
}
