package dev.axnode.adminapi;

import dev.axnode.kernel.link.Buffers;
import dev.axnode.securechannel.SecureChannel;
import dev.axnode.securechannel.protocols.StreamProtocols;
import dev.axnode.yamux.YamuxStream;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

import java.util.ArrayList;
import java.util.List;

/**
 * One client of the secure API: a TCP socket carrying a {@link SecureChannel} (listener side,
 * any verified client identity), whose inbound yamux streams negotiate
 * {@code /ax/admin/1.0.0} and become {@link AdminStream}s.
 *
 * <pre>
 *   socket ──read──▶ SecureChannel ──stream──▶ StreamProtocols ──/ax/admin/1.0.0──▶ AdminStream
 *   socket ◀─write── SecureChannel ◀──frames── yamux streams                          (a full socket pauses reading)
 * </pre>
 *
 * The handshake must finish within the timeout; a stream beyond the limit is reset; the
 * socket and the channel close together. Confined to the verticle's event loop.
 */
final class AdminConnection implements SecureChannel.Events {

  /** What the listener hears from a connection. */
  interface Owner {
    void secured(AdminConnection connection);

    void closed(AdminConnection connection, String error);
  }

  private final Vertx vertx;
  private final NetSocket socket;
  private final SecureListener.Settings settings;
  private final Owner owner;
  private final SecureChannel channel;
  private final StreamProtocols protocols;
  private final List<AdminStream> streams = new ArrayList<>();
  private long timer = -1;
  private boolean socketClosed;
  private boolean draining;
  private String clientKey;

  AdminConnection(Vertx vertx, NetSocket socket, SecureListener.Settings settings, Owner owner) {
    this.vertx = vertx;
    this.socket = socket;
    this.settings = settings;
    this.owner = owner;
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
    socket.drainHandler(v -> socket.resume());
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

  /** The client sends faster than the socket takes our answers: stop reading until it drains. */
  private void pauseIfFull() {
    if (!socketClosed && socket.writeQueueFull()) {
      socket.pause();
    }
  }

  @Override
  public void secured(SecureChannel secured) {
    vertx.cancelTimer(timer);
    clientKey = secured.remotePeer().toKeyText();
    owner.secured(this);
  }

  @Override
  public void stream(SecureChannel secured, YamuxStream stream) {
    if (draining || secured.session().streamCount() > settings.maxStreams()) {
      stream.reset();
      return;
    }
    protocols.accept(stream);
  }

  private void admin(YamuxStream stream, ByteBuf leftover) {
    if (draining) {
      leftover.release();
      stream.reset();
      return;
    }
    AdminStream admin = new AdminStream(stream, settings.service(), settings.keys(), clientKey, this::changed);
    streams.add(admin);
    admin.start(leftover);
  }

  private void changed(AdminStream stream) {
    if (stream.finished()) {
      streams.remove(stream);
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

  private void closeIfDrained() {
    if (draining && streams.stream().allMatch(AdminStream::idle)) {
      channel.close();
    }
  }

  String remoteAddress() {
    return String.valueOf(socket.remoteAddress());
  }

  String clientKey() {
    return clientKey;
  }
}
