package dev.axnode.securechannel.multistream;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * The outcome of feeding bytes to a negotiator: what to write to the peer now (possibly
 * empty), and the state reached. The caller owns {@code toSend}, an unpooled heap buffer, and
 * writes it before any later step's bytes.
 */
public record Step(ByteBuf toSend, NegotiationState state) {

  public Step {
    Objects.requireNonNull(toSend, "toSend");
    Objects.requireNonNull(state, "state");
  }

  public boolean isSelected() {
    return state instanceof NegotiationState.Selected;
  }

  public boolean isFailed() {
    return state instanceof NegotiationState.Failed;
  }
}
