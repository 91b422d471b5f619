package dev.axnode.securechannel.multistream;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Where a multistream-select negotiation stands after a {@link Step}.
 */
public sealed interface NegotiationState {

  /** Still exchanging messages: feed the next bytes read from the peer. */
  record Negotiating() implements NegotiationState {
    static final Negotiating INSTANCE = new Negotiating();
  }

  /**
   * Both sides agreed on {@code protocol}. {@code leftover} holds the bytes the peer sent after
   * its last negotiation message in the same read: the first bytes of the selected protocol.
   * The caller owns {@code leftover} (an unpooled heap buffer, possibly empty) and must hand it
   * to the next layer before any later read.
   */
  record Selected(String protocol, ByteBuf leftover) implements NegotiationState {
    public Selected {
      Objects.requireNonNull(protocol, "protocol");
      Objects.requireNonNull(leftover, "leftover");
    }
  }

  /** The negotiation cannot succeed; close the stream. */
  record Failed(MultistreamException error) implements NegotiationState {
    public Failed {
      Objects.requireNonNull(error, "error");
    }

    public String reason() {
      return error.getMessage();
    }
  }
}
