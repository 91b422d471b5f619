package dev.axnode.securechannel.multistream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * One side of a multistream-select 1.0 negotiation, without I/O: the message loop both
 * sides share. Subclasses say what to send first and how to answer each message.
 * Not thread-safe: drive it from one event loop.
 */
public abstract sealed class Negotiation permits DialerNegotiation, ListenerNegotiation {

  protected final MessageReader reader = new MessageReader();
  protected NegotiationState state = NegotiationState.Negotiating.INSTANCE;
  private boolean headerReceived;

  /** The bytes this side may send before hearing from the peer. */
  public abstract Step start();

  /** Answers one message, writing replies to {@code out}; may set {@link #state}. */
  protected abstract void handle(MultistreamMessage message, ByteBuf out) throws MultistreamException;

  /** Called for the peer's header, once it arrived intact. */
  protected void headerReceived(ByteBuf out) {
  }

  /** Fails loudly when the caller drives the negotiation out of order. */
  protected void checkReady() {
  }

  /**
   * Consumes all readable bytes of {@code in} (which stays owned by the caller). Never throws on
   * peer input: a protocol error ends in {@link NegotiationState.Failed}.
   */
  public final Step onBytes(ByteBuf in) {
    checkReady();
    if (state instanceof NegotiationState.Selected) {
      throw new IllegalStateException("negotiation is over: give later bytes to the selected protocol");
    }
    if (state instanceof NegotiationState.Failed) {
      in.skipBytes(in.readableBytes());
      return new Step(Unpooled.EMPTY_BUFFER, state);
    }
    reader.append(in);
    ByteBuf out = Unpooled.buffer(0);
    try {
      MultistreamMessage message;
      while (state instanceof NegotiationState.Negotiating && (message = reader.next()) != null) {
        if (headerReceived) {
          handle(message, out);
        } else {
          expectHeader(message);
          headerReceived(out);
        }
      }
    } catch (MultistreamException e) {
      reader.discard();
      out.release();
      state = new NegotiationState.Failed(e);
      return new Step(Unpooled.EMPTY_BUFFER, state);
    }
    return new Step(out, state);
  }

  private void expectHeader(MultistreamMessage message) throws MultistreamException {
    if (!message.equals(MultistreamMessage.HEADER)) {
      throw new MultistreamException("unexpected header: expected '" + MultistreamMessage.HEADER.text()
          + "', got " + message.describe());
    }
    headerReceived = true;
  }

  public final NegotiationState state() {
    return state;
  }
}
