package dev.axnode.cli;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * The secure admin API's TCP connection on a plain blocking socket, driven from one Vert.x
 * context: a reader thread hands what arrives to the context, a writer thread sends in order
 * what the context writes, so the event loop never waits on the network. The same reason as
 * {@link HttpWire}: a short-lived CLI that opens one connection paid ~45 ms for Netty's
 * first channel (bootstrap, pipeline, selector registration, all cold code) against a few ms
 * for a JDK socket (see README, "How fast is ax").
 *
 * <p>Every handler runs on the context. After {@link #close()}, or when the peer ends the
 * connection or it fails, the close handler runs once; a failure first reaches the exception
 * handler. Writes after the close are dropped.
 */
final class SocketLink {

  /** What one read takes at most: the node's frames are small, a bulk answer comes in several reads. */
  private static final int READ_BYTES = 64 * 1024;
  /**
   * Reads handed to the context and not yet handled: the reader waits beyond this, so a peer
   * that floods (or an event loop that lags) holds at most 16 × 64 KiB here. Netty read on the
   * event loop itself and so could not run ahead; a reader thread can.
   */
  static final int MAX_READS_IN_FLIGHT = 16;

  private final Context context;
  private final Socket socket;
  private final ExecutorService writer;
  private final Semaphore readsInFlight = new Semaphore(MAX_READS_IN_FLIGHT);
  private Handler<ByteBuf> handler = bytes -> { };
  private Handler<Throwable> exceptionHandler = e -> { };
  private Handler<Void> closeHandler = v -> { };
  private volatile boolean closing;
  private boolean closed;

  private SocketLink(Context context, Socket socket) {
    this.context = context;
    this.socket = socket;
    this.writer = Executors.newSingleThreadExecutor(task -> daemon(task, "ax-link-writer"));
  }

  /**
   * Connects on a worker thread; completes on {@code context}. A connect that takes longer
   * than {@code timeoutMillis} fails with ERR_NODE_UNREACHABLE, "Connection timed out";
   * other failures are the JDK's exceptions, for {@link TransportFailures}.
   */
  static Future<SocketLink> connect(Context context, NodeAddress node, InetSocketAddress address, int timeoutMillis) {
    return context.executeBlocking(() -> new SocketLink(context, TcpConnect.open(node, address, timeoutMillis)), false);
  }

  SocketLink handler(Handler<ByteBuf> bytes) {
    this.handler = bytes;
    return this;
  }

  SocketLink exceptionHandler(Handler<Throwable> failed) {
    this.exceptionHandler = failed;
    return this;
  }

  SocketLink closeHandler(Handler<Void> ended) {
    this.closeHandler = ended;
    return this;
  }

  /** Starts reading; call once the handlers are set. */
  void start() {
    daemon(this::readLoop, "ax-link-reader").start();
  }

  /** Queues {@code bytes} (taken over) for the writer thread. */
  void write(ByteBuf bytes) {
    byte[] copy = new byte[bytes.readableBytes()];
    bytes.readBytes(copy);
    bytes.release();
    if (closing) {
      return;
    }
    writer.execute(() -> {
      try {
        OutputStream out = socket.getOutputStream();
        out.write(copy);
        out.flush();
      } catch (IOException e) {
        failed(e);
      }
    });
  }

  /** Closes once what was written before has been sent; the close handler follows. */
  void close() {
    if (closing) {
      return;
    }
    closing = true;
    writer.execute(this::closeSocket);
    writer.shutdown();
  }

  private void readLoop() {
    byte[] buffer = new byte[READ_BYTES];
    try {
      InputStream in = socket.getInputStream();
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        ByteBuf bytes = Unpooled.wrappedBuffer(Arrays.copyOf(buffer, n));
        readsInFlight.acquire();
        context.runOnContext(v -> {
          readsInFlight.release();
          if (!closed) {
            handler.handle(bytes);
          }
        });
      }
      context.runOnContext(v -> ended());
    } catch (IOException e) {
      failed(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failed(new IOException("interrupted", e));
    }
  }

  /** A read or write failed: reported, unless it is the socket this side closed. */
  private void failed(IOException e) {
    boolean ours = closing;
    closing = true;
    closeSocket();
    context.runOnContext(v -> {
      if (!ours && !closed) {
        exceptionHandler.handle(e);
      }
      ended();
    });
  }

  private void ended() {
    if (closed) {
      return;
    }
    closed = true;
    closing = true;
    writer.shutdown();
    closeSocket();
    closeHandler.handle(null);
  }

  private void closeSocket() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing a connection that is over either way: nothing to report
    }
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }
}
