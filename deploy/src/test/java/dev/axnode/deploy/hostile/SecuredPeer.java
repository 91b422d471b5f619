package dev.axnode.deploy.hostile;

import dev.axnode.kernel.keys.NodeId;
import dev.axnode.securechannel.multistream.MultistreamMessage;
import dev.axnode.securechannel.multistream.MultistreamException;
import dev.axnode.securechannel.noise.NoiseException;
import dev.axnode.securechannel.noise.NoiseTransport;
import dev.axnode.securechannel.protocols.AdminFrameCodec;
import dev.axnode.yamux.Flags;
import dev.axnode.yamux.Frame;
import dev.axnode.yamux.FrameCodec;
import dev.axnode.yamux.FrameHeader;
import dev.axnode.yamux.FrameType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A Noise-secured connection with yamux negotiated, driven frame by frame: the attack client
 * sends hand-made yamux frames ({@link #send}, {@link #sendMany}, {@link #sendYamuxBytes}), and
 * once {@link #startReading()} runs, a reader thread answers the node's pings, resets streams
 * the node opens, keeps what arrives per stream and notes GO_AWAY and the close. A peer that
 * never starts reading is one that never reads.
 */
final class SecuredPeer implements AutoCloseable {

  private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "hostile-watchdog");
    thread.setDaemon(true);
    return thread;
  });

  private final PeerSocket socket;
  private final NoiseTransport noise;
  private final NodeId remote;
  private final FrameCodec codec = new FrameCodec();
  private final ByteBuf plain = Unpooled.buffer();
  private final Map<Long, ByteBuf> streams = new HashMap<>();
  private final Set<Long> resetByNode = new HashSet<>();
  private long nextStreamId;
  private Long goAwayCode;
  private long closedAtNanos;
  private String closeReason;
  private volatile boolean reading;
  private volatile boolean abandoned;
  private boolean closedByUs;

  SecuredPeer(PeerSocket socket, NoiseTransport noise, NodeId remote, boolean dialer) {
    this.socket = socket;
    this.noise = noise;
    this.remote = remote;
    this.nextStreamId = dialer ? 1 : 2;
  }

  NodeId remote() {
    return remote;
  }

  void negotiateMuxerAsDialer() throws IOException {
    sendYamuxBytes(PeerSocket.concat(MultistreamMessage.HEADER.toBytes(), new MultistreamMessage("/yamux/1.0.0").toBytes()));
    expectPlainMessage(MultistreamMessage.HEADER.text());
    expectPlainMessage("/yamux/1.0.0");
  }

  void negotiateMuxerAsListener() throws IOException {
    expectPlainMessage(MultistreamMessage.HEADER.text());
    expectPlainMessage("/yamux/1.0.0");
    sendYamuxBytes(PeerSocket.concat(MultistreamMessage.HEADER.toBytes(), new MultistreamMessage("/yamux/1.0.0").toBytes()));
  }

  private void expectPlainMessage(String text) throws IOException {
    MultistreamMessage message;
    try {
      while ((message = MultistreamMessage.decode(plain)) == null) {
        readNoiseFrame();
      }
    } catch (MultistreamException e) {
      throw new IOException(e.getMessage(), e);
    }
    if (!message.text().equals(text)) {
      throw new IOException("multistream: expected '" + text + "', got " + message.describe());
    }
  }

  private void readNoiseFrame() throws IOException {
    try {
      plain.writeBytes(noise.decryptMessage(socket.readNoiseFrame()));
    } catch (NoiseException e) {
      throw new IOException("noise: " + e.getMessage(), e);
    }
  }

  /** Raw bytes inside the Noise channel, cut into Noise frames: whatever yamux bytes the attack wants. */
  void sendYamuxBytes(byte[] bytes) throws IOException {
    synchronized (socket) {
      for (int offset = 0; offset < bytes.length; offset += NoiseTransport.MAX_PLAINTEXT) {
        int length = Math.min(NoiseTransport.MAX_PLAINTEXT, bytes.length - offset);
        byte[] chunk = new byte[length];
        System.arraycopy(bytes, offset, chunk, 0, length);
        try {
          socket.writeNoiseFrame(noise.encryptMessage(chunk));
        } catch (NoiseException e) {
          throw new IOException(e);
        }
      }
    }
  }

  void send(FrameHeader header) throws IOException {
    send(header, new byte[0]);
  }

  void send(FrameHeader header, byte[] payload) throws IOException {
    ByteBuf out = Unpooled.buffer(FrameHeader.SIZE + payload.length);
    FrameCodec.writeHeader(header, out);
    out.writeBytes(payload);
    sendYamuxBytes(bytes(out));
  }

  /** One DATA frame on {@code stream} carrying {@code payload}. */
  void sendData(long stream, byte[] payload) throws IOException {
    send(FrameHeader.data(stream, 0, payload.length), payload);
  }

  /** {@code count} copies of {@code header} packed into full Noise frames: a flood at wire speed. */
  void sendMany(FrameHeader header, int count) throws IOException {
    ByteBuf out = Unpooled.buffer(count * FrameHeader.SIZE);
    for (int i = 0; i < count; i++) {
      FrameCodec.writeHeader(header, out);
    }
    sendYamuxBytes(bytes(out));
  }

  /** A new stream id of ours: odd as dialer, even as listener. */
  synchronized long newStreamId() {
    long id = nextStreamId;
    nextStreamId += 2;
    return id;
  }

  /** Opens a stream and negotiates {@code protocol} on it (needs {@link #startReading()}). */
  long openStream(String protocol, Duration timeout) throws IOException {
    long id = newStreamId();
    send(FrameHeader.windowUpdate(id, Flags.SYN, 0));
    sendData(id, PeerSocket.concat(MultistreamMessage.HEADER.toBytes(), new MultistreamMessage(protocol).toBytes()));
    expectStreamMessage(id, MultistreamMessage.HEADER.text(), timeout);
    expectStreamMessage(id, protocol, timeout);
    return id;
  }

  /** One {@code /ax/admin/1.0.0} request on {@code stream} and its response. */
  JsonObject call(long stream, JsonObject request, Duration timeout) throws IOException {
    sendData(stream, bytes(AdminFrameCodec.encode(request, ByteBufAllocator.DEFAULT)));
    ByteBuf length = Unpooled.wrappedBuffer(readStream(stream, AdminFrameCodec.LENGTH_BYTES, timeout));
    byte[] body = readStream(stream, length.readInt(), timeout);
    return new JsonObject(new String(body, StandardCharsets.UTF_8));
  }

  /** A new stream, {@code /ax/admin/1.0.0}, one request: what a CLI run does on an open connection. */
  JsonObject adminCall(String method, JsonObject params, Duration timeout) throws IOException {
    long stream = openStream("/ax/admin/1.0.0", timeout);
    return call(stream, new JsonObject().put("id", stream).put("method", method).put("params", params), timeout);
  }

  private void expectStreamMessage(long id, String text, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      try {
        MultistreamMessage message;
        while ((message = MultistreamMessage.decode(stream(id))) == null) {
          awaitChange(id, deadline);
        }
        if (!message.text().equals(text)) {
          throw new IOException("stream " + id + ": expected '" + text + "', got " + message.describe());
        }
      } catch (MultistreamException e) {
        throw new IOException(e.getMessage(), e);
      }
    }
  }

  /** Exactly {@code n} bytes the node sent on {@code id}. */
  byte[] readStream(long id, int n, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      while (stream(id).readableBytes() < n) {
        awaitChange(id, deadline);
      }
      byte[] bytes = new byte[n];
      stream(id).readBytes(bytes);
      return bytes;
    }
  }

  private void awaitChange(long id, long deadline) throws IOException {
    if (closedAtNanos != 0 || resetByNode.contains(id)) {
      throw new IOException("stream " + id + " ended by the node (" + describeEnd() + ")");
    }
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new IOException("stream " + id + ": nothing within the time limit");
    }
    try {
      wait(Math.max(1, left / 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private ByteBuf stream(long id) {
    return streams.computeIfAbsent(id, k -> Unpooled.buffer());
  }

  /** Starts the reader thread; from now on the node's pings are answered. */
  void startReading() throws IOException {
    socket.setReadTimeout(Duration.ZERO);
    reading = true;
    Thread reader = new Thread(this::readLoop, "hostile-reader");
    reader.setDaemon(true);
    reader.start();
  }

  private void readLoop() {
    try {
      while (reading) {
        Frame frame;
        while ((frame = codec.decode(plain, header -> Long.MAX_VALUE)) == null) {
          readNoiseFrame();
        }
        try {
          dispatch(frame.header(), frame.payload());
        } finally {
          frame.payload().release();
        }
      }
    } catch (IOException | RuntimeException e) {
      markClosed(e.getMessage());
    }
  }

  /**
   * From now on nothing reads what the node sends (after the frame being read, if any): a peer
   * that stops reading, so the node's output backs up in its own buffers.
   */
  void stopReading() {
    reading = false;
  }

  /** Without the reader: reads and drops until the node closes the connection. */
  boolean closedWithin(Duration limit) throws IOException {
    return socket.closedWithin(limit) && !abandoned;
  }

  private void dispatch(FrameHeader header, ByteBuf payload) throws IOException {
    if (header.type() == FrameType.PING) {
      if (header.has(Flags.SYN)) {
        send(FrameHeader.ping(Flags.ACK, header.length()));
      }
      return;
    }
    if (header.type() == FrameType.GO_AWAY) {
      synchronized (this) {
        goAwayCode = header.length();
        notifyAll();
      }
      return;
    }
    long id = header.streamId();
    boolean nodeOpened = (id % 2) != (nextStreamId % 2);
    if (header.has(Flags.SYN) && nodeOpened) {
      send(FrameHeader.windowUpdate(id, Flags.RST, 0));
      return;
    }
    synchronized (this) {
      if (payload.isReadable()) {
        stream(id).writeBytes(payload);
      }
      if (header.has(Flags.RST)) {
        resetByNode.add(id);
      }
      notifyAll();
    }
  }

  private synchronized void markClosed(String reason) {
    if (closedAtNanos == 0) {
      closedAtNanos = System.nanoTime();
      closedByUs = abandoned;
      closeReason = abandoned ? "abandoned by the attacker at its time limit" : reason;
      notifyAll();
    }
  }

  /** Waits for the node to close the connection; needs {@link #startReading()}. */
  synchronized boolean awaitClosed(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (closedAtNanos == 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return !closedByUs;
  }

  /** Waits until the node resets {@code id}. */
  synchronized boolean awaitReset(long id, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!resetByNode.contains(id) && closedAtNanos == 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return resetByNode.contains(id);
  }

  synchronized boolean isClosed() {
    return closedAtNanos != 0;
  }

  /** Closed by the node, not by {@link #abandonAfter}. */
  synchronized boolean closedByNode() {
    return closedAtNanos != 0 && !closedByUs;
  }

  /**
   * Closes the socket after {@code limit} whatever happens: a write to a node that stopped
   * reading blocks, and the attack must stay bounded in time.
   */
  SecuredPeer abandonAfter(Duration limit) {
    WATCHDOG.schedule(() -> {
      abandoned = true;
      socket.close();
    }, limit.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  synchronized long closedAtNanos() {
    return closedAtNanos;
  }

  /** The GO_AWAY code the node sent, or null. */
  synchronized Long goAwayCode() {
    return goAwayCode;
  }

  synchronized String describeEnd() {
    return (goAwayCode == null ? "no GO_AWAY" : "GO_AWAY " + goAwayCode)
        + (closedAtNanos == 0 ? ", still open" : ", closed: " + closeReason);
  }

  @Override
  public void close() {
    socket.close();
  }

  private static byte[] bytes(ByteBuf buf) {
    byte[] bytes = new byte[buf.readableBytes()];
    buf.readBytes(bytes);
    buf.release();
    return bytes;
  }
}
