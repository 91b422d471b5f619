package dev.axnode.handshake;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.link.LinkAddress;
import dev.axnode.kernel.link.LinkAddress.Direction;
import dev.axnode.kernel.link.LinkReceiver;
import dev.axnode.kernel.link.LinkSender;
import dev.axnode.kernel.message.ConnectionOpen;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

import java.util.HashMap;
import java.util.Map;

/**
 * Stands where transport and psk would (no swarm key): real TCP sockets joined to the
 * handshake verticle of its Vert.x over the two links of each connection, with credit both
 * ways (a full link pauses the socket; a full socket holds the link's credit). Deploy one per
 * node; {@link #listen} or {@link #dial}.
 */
final class TcpStage extends VerticleBase {

  static final String STAGE = "tcp";

  private final String prefix;
  private final Map<String, NetSocket> sockets = new HashMap<>();
  private NetServer server;
  private int count;

  TcpStage(String prefix) {
    this.prefix = prefix;
  }

  /** Listens on a free loopback port: the port. */
  Future<Integer> listen() {
    Future<Integer> port = Future.future(p -> context.runOnContext(v -> {
      server = vertx.createNetServer().connectHandler(socket -> join(socket, false));
      server.listen(0, "127.0.0.1").map(NetServer::actualPort).onComplete(p);
    }));
    return port;
  }

  /** Dials {@code port}: the connection id once the handshake layer took the socket. */
  Future<String> dial(int port) {
    return Future.future(p -> context.runOnContext(v -> vertx.createNetClient().connect(port, "127.0.0.1")
        .compose(socket -> join(socket, true)).onComplete(p)));
  }

  /** Closes the socket of connection {@code id}, as a dropped TCP connection. */
  Future<Void> close(String id) {
    return Future.future(p -> context.runOnContext(v -> sockets.get(id).close().onComplete(p)));
  }

  private Future<String> join(NetSocket socket, boolean outbound) {
    String id = prefix + "-" + (++count);
    sockets.put(id, socket);
    socket.pause();
    LinkSender up = new LinkSender(vertx, LinkAddress.of(id, SecureConnection.STAGE, Direction.UP), SecureConnection.WINDOW);
    LinkReceiver down = new LinkReceiver(vertx, LinkAddress.of(id, STAGE, Direction.DOWN), SecureConnection.WINDOW);
    socket.handler(data -> {
      if (!up.write(data)) {
        socket.pause();
      }
    });
    up.drainHandler(v -> socket.resume());
    socket.closeHandler(v -> {
      up.end("socket closed");
      up.close();
    });
    long[] held = {0};
    socket.drainHandler(v -> {
      down.consumed(held[0]);
      held[0] = 0;
    });
    down.handler(data -> {
      socket.write(data);
      if (socket.writeQueueFull()) {
        held[0] += data.length();
      } else {
        down.consumed(data.length());
      }
    }).endHandler(end -> {
      socket.close();
      down.close();
    });
    String remote = "/ip4/127.0.0.1/tcp/" + socket.remoteAddress().port();
    return Future.all(up.ready(), down.ready())
        .compose(v -> BusRequests.request(vertx, Addresses.HANDSHAKE_OPEN, new ConnectionOpen(id, outbound, remote, null, STAGE)))
        .map(v -> {
          socket.resume();
          return id;
        });
  }
}
