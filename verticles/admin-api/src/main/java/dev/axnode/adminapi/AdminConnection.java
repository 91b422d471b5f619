package dev.axnode.adminapi;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.link.Buffers;
import dev.axnode.kernel.net.Loopback;
import dev.axnode.securechannel.SecureChannel;
import dev.axnode.securechannel.protocols.StreamProtocols;
import dev.axnode.yamux.YamuxStream;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;

import java.util.ArrayList;
import java.util.List;

/**
 * One client of the secure API: a TCP socket carrying a {@link SecureChannel} (listener side,
 * any verified client identity), whose inbound yamux streams negotiate
 * {@code /ax/admin/1.0.0} and become {@link AdminStream}s.
 *
 * <pre>
 *   socket ──read──▶ SecureChannel ──stream──▶ StreamProtocols ──/ax/admin/1.0.0──▶ AdminStream
 *   socket ◀─write── SecureChannel ◀──frames── yamux streams
 *          (a full socket write queue pauses both socket reading and yamux DATA output)
 * </pre>
 *
 * Life: the handshake must finish within the timeout; then the client's key is checked at
 * once (protected mode, then authorizedKeys). A refused client gets its error as the answer
 * to its first request and the connection closes, within {@link #REFUSAL_GRACE_MS} of the
 * handshake whether it asks or not. An admitted connection with no open stream for the idle
 * timeout is closed. A stream beyond the limit is reset; the socket and the channel close
 * together. Confined to the verticle's event loop.
 */
final class AdminConnection implements SecureChannel.Events, AdminStream.Listener {

  /** How long a refused client has to read its error before the node closes the connection. */
  static final long REFUSAL_GRACE_MS = 750;

  /** What the listener hears from a connection. */
  interface Owner {
    void secured(AdminConnection connection);

    /** The client's key was refused when the connection was secured (or later); {@code why} for the log. */
    void refused(AdminConnection connection, String why);

    void closed(AdminConnection connection, String error);
  }

  private final Vertx vertx;
  private final NetSocket socket;
  private final SecureListener.Settings settings;
  private final Owner owner;
  private final SecureChannel channel;
  private final StreamProtocols protocols;
  private final List<AdminStream> streams = new ArrayList<>();
  private final String remoteIp;
  private final boolean loopback;
  private long timer = -1;
  private boolean socketClosed;
  private boolean draining;
  private String clientKey;
  /** Set when the key was refused at the connection: every request gets it, and the connection ends. */
  private AxException refused;
  /** When the connection last had no open stream (nanos), or -1 while it has one. */
  private long idleSince = -1;

  AdminConnection(Vertx vertx, NetSocket socket, SecureListener.Settings settings, Owner owner) {
    this.vertx = vertx;
    this.socket = socket;
    this.settings = settings;
    this.owner = owner;
    SocketAddress remote = socket.remoteAddress();
    this.remoteIp = remote == null ? "" : remote.hostAddress();
    this.loopback = Loopback.isLoopback(remoteIp);
    this.channel = new SecureChannel(false, settings.identity().staticKeys(), settings.identity().signedPayload(),
        null, this);
    this.protocols = new StreamProtocols((ms, task) -> {
      long id = vertx.setTimer(ms, t -> task.run());
      return () -> vertx.cancelTimer(id);
    }, settings.handshakeTimeoutMs(), StreamProtocols.DEFAULT_MAX_NEGOTIATION_BYTES)
        .register(AdminStream.PROTOCOL, this::admin);
  }

  /** Starts the handshake; it must complete within the configured timeout. */
  void start() {
    long timeoutMs = settings.handshakeTimeoutMs();
    timer = vertx.setTimer(timeoutMs, id -> channel.fail("handshake timed out after " + timeoutMs + " ms"));
    socket.handler(this::fromNetwork);
    socket.drainHandler(v -> drained());
    socket.exceptionHandler(e -> channel.fail("socket: " + e.getMessage()));
    socket.closeHandler(v -> {
      socketClosed = true;
      channel.networkClosed(null);
    });
    socket.shutdownHandler(v -> drain());
    channel.start();
  }

  private void fromNetwork(Buffer data) {
    channel.fromNetwork(Buffers.byteBuf(data));
    pauseIfFull();
  }

  @Override
  public void toNetwork(ByteBuf bytes) {
    if (socketClosed) {
      bytes.release();
      return;
    }
    socket.write(Buffers.buffer(bytes));
    pauseIfFull();
  }

  /**
   * The client does not take our answers as fast as we make them: stop reading its requests,
   * and let yamux hold DATA in its streams' bounded queues (writers see their streams turn
   * unwritable) until the socket drains, so nothing queues without bound.
   */
  private void pauseIfFull() {
    if (!socketClosed && socket.writeQueueFull()) {
      socket.pause();
      channel.pauseOutput();
    }
  }

  private void drained() {
    channel.resumeOutput();
    if (!socketClosed && !socket.writeQueueFull()) {
      socket.resume();
    }
  }

  @Override
  public void secured(SecureChannel secured) {
    vertx.cancelTimer(timer);
    clientKey = secured.remotePeer().toKeyText();
    owner.secured(this);
    AxException refusal = settings.keys().refusal(clientKey, loopback);
    if (refusal != null) {
      refuse(refusal);
    } else {
      idleSince = System.nanoTime();
      long period = Math.max(1, settings.idleTimeoutMs() / 4);
      timer = vertx.setPeriodic(period, id -> closeIfIdle());
    }
  }

  /** The client may not call: its first request gets {@code refusal}, and the connection ends shortly. */
  private void refuse(AxException refusal) {
    refused = refusal;
    vertx.cancelTimer(timer);
    owner.refused(this, refusal.getMessage());
    timer = vertx.setTimer(REFUSAL_GRACE_MS, id -> channel.close());
  }

  /** authorizedKeys changed: a client it no longer admits is disconnected. */
  void recheck() {
    if (channel.secured() && refused == null && settings.keys().refusal(clientKey, loopback) != null) {
      owner.refused(this, "authorizedKeys changed");
      channel.close();
    }
  }

  private void closeIfIdle() {
    if (channel.session().streamCount() > 0) {
      idleSince = -1;
    } else if (idleSince < 0) {
      idleSince = System.nanoTime();
    } else if (System.nanoTime() - idleSince >= settings.idleTimeoutMs() * 1_000_000L) {
      channel.close();
    }
  }

  @Override
  public void stream(SecureChannel secured, YamuxStream stream) {
    if (draining || secured.session().streamCount() > settings.maxStreams()) {
      stream.reset();
      return;
    }
    idleSince = -1;
    protocols.accept(stream);
  }

  private void admin(YamuxStream stream, ByteBuf leftover) {
    // A refused client gets its answer on its first stream only.
    if (draining || (refused != null && !streams.isEmpty())) {
      leftover.release();
      stream.reset();
      return;
    }
    AdminStream admin = new AdminStream(stream, settings.service(), settings.keys(), clientKey, this);
    streams.add(admin);
    admin.start(leftover);
  }

  @Override
  public AxException refusal() {
    return refused != null ? refused : settings.keys().refusal(clientKey, loopback);
  }

  @Override
  public void changed(AdminStream stream) {
    if (stream.refusedClient()) {
      channel.close();
      return;
    }
    if (stream.finished() && refused == null) {
      streams.remove(stream);
      if (streams.isEmpty() && idleSince < 0) {
        idleSince = System.nanoTime();
      }
    }
    closeIfDrained();
  }

  @Override
  public void closed(SecureChannel secured, String error) {
    vertx.cancelTimer(timer);
    streams.clear();
    if (!socketClosed) {
      socketClosed = true;
      socket.close();
    }
    owner.closed(this, error);
  }

  /** Takes no new streams and closes once every request in progress has its answer. */
  void drain() {
    draining = true;
    if (!channel.secured()) {
      channel.fail("the secure admin API is stopping");
    }
    closeIfDrained();
  }

  /** Closes at once: another connection needed the pending slot this one held. */
  void evict(String why) {
    channel.fail(why);
  }

  private void closeIfDrained() {
    if (draining && streams.stream().allMatch(AdminStream::idle)) {
      channel.close();
    }
  }

  @Override
  public String remoteIp() {
    return remoteIp;
  }

  String remoteAddress() {
    return String.valueOf(socket.remoteAddress());
  }

  String clientKey() {
    return clientKey;
  }
}
