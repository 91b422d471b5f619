package dev.axnode.yamux;

import io.netty.buffer.ByteBuf;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * One yamux stream: a bidirectional byte channel with per-direction half-close and
 * credit-based flow control in both directions.
 *
 * <p><b>Threading:</b> like its session, a stream is confined to the session's thread
 * (one Vert.x context); every method and every handler runs there.
 *
 * <p><b>Buffers:</b> {@link #write} takes ownership of its argument. The buffer given to
 * {@link #handler} belongs to the handler, which must release it. Receiving never frees
 * window by itself: the application reports processed bytes with {@link #consumed}, and
 * only then does the peer get more credit, so a slow consumer throttles its sender.
 *
 * <p><b>Writing:</b> data goes out at once while the peer's window allows, in DATA frames
 * of at most {@code maxFramePayload} bytes; the rest waits in a bounded queue.
 * {@link #isWritable()} turns false at {@code writeHighWaterMark} queued bytes and the
 * {@link #writabilityHandler} runs once the queue has drained to half of that.
 */
public final class YamuxStream {

  private final YamuxSession session;
  private final long id;
  private final boolean inbound;
  private final ReceiveWindow receiveWindow;
  private final SendQueue sendQueue = new SendQueue();
  private final ArrayDeque<ByteBuf> undelivered = new ArrayDeque<>();
  private long sendWindow = YamuxConfig.SPEC_INITIAL_WINDOW;
  private boolean ackPending;
  private boolean writeClosed;
  private boolean finSent;
  private boolean readClosed;
  private boolean endDelivered;
  private boolean reset;
  private boolean awaitingDrain;
  private Consumer<ByteBuf> handler;
  private Runnable endHandler;
  private Consumer<YamuxException> resetHandler;
  private Runnable writabilityHandler;

  YamuxStream(YamuxSession session, long id, boolean inbound, ReceiveWindow receiveWindow) {
    this.session = session;
    this.id = id;
    this.inbound = inbound;
    this.ackPending = inbound;
    this.receiveWindow = receiveWindow;
  }

  public long id() {
    return id;
  }

  /** Whether the peer opened this stream. */
  public boolean isInbound() {
    return inbound;
  }

  /** Receives inbound data; each buffer is owned by the handler, which must release it. */
  public YamuxStream handler(Consumer<ByteBuf> handler) {
    this.handler = handler;
    while (handler != null && !undelivered.isEmpty() && this.handler == handler) {
      deliver(undelivered.poll());
    }
    deliverEndIfDue();
    return this;
  }

  /** Runs once when the peer half-closed (FIN) and all its data was handed over. */
  public YamuxStream endHandler(Runnable endHandler) {
    this.endHandler = endHandler;
    deliverEndIfDue();
    return this;
  }

  /** Runs once if the stream dies abnormally: peer RST, or the session ending. */
  public YamuxStream resetHandler(Consumer<YamuxException> resetHandler) {
    this.resetHandler = resetHandler;
    return this;
  }

  /** Runs when a stream that was not writable has drained its queue to half the mark. */
  public YamuxStream writabilityHandler(Runnable writabilityHandler) {
    this.writabilityHandler = writabilityHandler;
    return this;
  }

  /**
   * Sends or queues {@code data}, taking ownership of it. Returns false, releasing the
   * buffer, if this side is closed or reset, or if the bytes left waiting for window
   * would exceed {@code maxSendQueue}.
   */
  public boolean write(ByteBuf data) {
    long waiting = sendQueue.bytes() + data.readableBytes() - sendWindow;
    if (writeClosed || reset || waiting > session.config().maxSendQueue()) {
      data.release();
      return false;
    }
    if (!data.isReadable()) {
      data.release();
      return true;
    }
    sendQueue.add(data);
    flush();
    if (sendQueue.bytes() >= session.config().writeHighWaterMark()) {
      awaitingDrain = true;
    }
    return true;
  }

  /** False while the queue is at or above the high-water mark, or once writing ended. */
  public boolean isWritable() {
    return !writeClosed && !reset && sendQueue.bytes() < session.config().writeHighWaterMark();
  }

  /** Half-closes our direction: FIN goes out after the queued data. Idempotent. */
  public void closeWrite() {
    if (writeClosed || reset) {
      return;
    }
    writeClosed = true;
    flush();
  }

  /** Aborts the stream both ways (RST) and drops queued data. No handler runs. Idempotent. */
  public void reset() {
    if (reset || (finSent && readClosed)) {
      return;
    }
    session.sendWindowUpdate(id, takeAckFlag() | Flags.RST, 0);
    abort();
  }

  /** Reports that the application has processed {@code bytes} received bytes. */
  public void consumed(int bytes) {
    receiveWindow.consumed(bytes);
    if (!readClosed && !reset) {
      sendWindowUpdate(0, false);
    }
  }

  public boolean isReset() {
    return reset;
  }

  /** Whether the peer half-closed (FIN) or reset the stream. */
  public boolean isReadClosed() {
    return readClosed || reset;
  }

  /** Whether {@link #closeWrite} was called or the stream was reset. */
  public boolean isWriteClosed() {
    return writeClosed || reset;
  }

  /** Current receive window size (grows with auto-tuning). */
  public int receiveWindow() {
    return receiveWindow.window();
  }

  /** Received bytes not yet reported with {@link #consumed}. */
  public long unconsumedBytes() {
    return receiveWindow.unconsumed();
  }

  /** Bytes the peer currently lets us send. */
  public long sendWindow() {
    return sendWindow;
  }

  /** Bytes accepted by {@link #write} but waiting for window. */
  public long queuedBytes() {
    return sendQueue.bytes();
  }

  // ---- session side ----

  ReceiveWindow window() {
    return receiveWindow;
  }

  /** Announces an outbound stream: WINDOW_UPDATE|SYN, as js-libp2p does. */
  void sendSyn() {
    sendWindowUpdate(Flags.SYN, true);
  }

  /** Acknowledges an inbound stream unless the application already sent something. */
  void ackIfPending() {
    if (ackPending && !reset) {
      sendWindowUpdate(takeAckFlag(), true);
    }
  }

  void onData(ByteBuf payload) {
    if (payload.readableBytes() > receiveWindow.credit()) {
      payload.release();
      throw new YamuxProtocolException("DATA beyond the window of stream " + id);
    }
    if (reset || readClosed) {
      // After the peer's FIN: dropped, but within the credit it had, so it cannot go on.
      receiveWindow.drop(payload.readableBytes());
      payload.release();
      return;
    }
    receiveWindow.received(payload.readableBytes());
    if (!payload.isReadable()) {
      payload.release();
    } else if (handler == null || !undelivered.isEmpty()) {
      undelivered.add(payload);
    } else {
      deliver(payload);
    }
  }

  void onWindowUpdate(long delta) {
    // Never trust a grant beyond maxSendWindow: a peer offering 4 GiB gets 16 MiB.
    sendWindow = Math.min(sendWindow + delta, session.config().maxSendWindow());
    flush();
  }

  void onRemoteFin() {
    if (reset || readClosed) {
      return;
    }
    readClosed = true;
    deliverEndIfDue();
    if (finSent) {
      session.removeStream(this);
    }
  }

  void onRemoteReset(YamuxException cause) {
    if (reset) {
      return;
    }
    readClosed = true;
    abort();
    Consumer<YamuxException> h = resetHandler;
    if (h != null) {
      session.runGuarded(this, () -> h.accept(cause));
    }
  }

  /** What the peer may still send here: nothing once it sent FIN or RST. */
  long peerCredit() {
    return readClosed ? 0 : receiveWindow.credit();
  }

  /** The session's output resumed: send what waited. */
  void flushQueued() {
    if (!sendQueue.isEmpty() || (writeClosed && !finSent)) {
      flush();
    }
  }

  // ---- internals ----

  private void flush() {
    int maxPayload = session.config().maxFramePayload();
    while (sendWindow > 0 && !sendQueue.isEmpty() && !reset && !session.isOutputPaused()) {
      ByteBuf chunk = sendQueue.take((int) Math.min(sendWindow, maxPayload));
      sendWindow -= chunk.readableBytes();
      session.sendData(id, takeAckFlag(), chunk);
    }
    if (writeClosed && !finSent && sendQueue.isEmpty() && !reset) {
      finSent = true;
      session.sendWindowUpdate(id, takeAckFlag() | Flags.FIN, 0);
      if (readClosed) {
        session.removeStream(this);
      }
    }
    if (awaitingDrain && sendQueue.bytes() <= session.config().writeHighWaterMark() / 2) {
      awaitingDrain = false;
      Runnable h = writabilityHandler;
      if (h != null && !writeClosed && !reset) {
        session.runGuarded(this, h);
      }
    }
  }

  private void sendWindowUpdate(int flags, boolean force) {
    long delta = session.takeWindowUpdate(receiveWindow, force || flags != 0);
    if (delta > 0 || flags != 0) {
      session.sendWindowUpdate(id, flags, delta);
    }
  }

  private int takeAckFlag() {
    if (!ackPending) {
      return 0;
    }
    ackPending = false;
    return Flags.ACK;
  }

  private void deliver(ByteBuf payload) {
    Consumer<ByteBuf> h = handler;
    session.runGuarded(this, () -> h.accept(payload));
  }

  private void deliverEndIfDue() {
    Runnable h = endHandler;
    if (readClosed && !reset && !endDelivered && undelivered.isEmpty() && h != null) {
      endDelivered = true;
      session.runGuarded(this, h);
    }
  }

  private void abort() {
    reset = true;
    sendQueue.releaseAll();
    for (ByteBuf buf; (buf = undelivered.poll()) != null; ) {
      receiveWindow.discard(buf.readableBytes());
      buf.release();
    }
    session.removeStream(this);
  }
}
