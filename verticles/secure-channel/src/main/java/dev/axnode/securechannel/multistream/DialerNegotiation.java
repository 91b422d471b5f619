package dev.axnode.securechannel.multistream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;

/**
 * The dialer's side of multistream-select 1.0, as a state machine without I/O.
 *
 * <pre>
 *   dialer                                  listener
 *   /multistream/1.0.0 + proposal 1  --&gt;     (sent at once, without waiting)
 *                                    &lt;--    /multistream/1.0.0   (js sends it only now)
 *                                    &lt;--    na | proposal 1 (echo = selected)
 *   proposal 2                       --&gt;     ... until an echo or no proposal is left
 * </pre>
 *
 * <p>Spec: https://github.com/libp2p/specs/blob/master/connections/README.md#protocol-negotiation
 *
 * <p>Call {@link #start()} once, write its bytes, then feed every read to {@link #onBytes}.
 * Not thread-safe: drive it from one event loop.
 */
public final class DialerNegotiation extends Negotiation {

  private final List<String> protocols;
  private boolean started;
  private int proposal;

  /**
   * @param protocols the protocols to propose, most preferred first
   * @throws IllegalArgumentException if the list is empty or an ID does not fit in a message
   */
  public DialerNegotiation(List<String> protocols) {
    if (protocols.isEmpty()) {
      throw new IllegalArgumentException("a dialer needs at least one protocol to propose");
    }
    protocols.forEach(MultistreamMessage::new);
    this.protocols = List.copyOf(protocols);
  }

  /** The header and the first proposal, to write at once. */
  @Override
  public Step start() {
    if (started) {
      throw new IllegalStateException("start() was already called");
    }
    started = true;
    ByteBuf out = Unpooled.buffer();
    MultistreamMessage.HEADER.encodeTo(out);
    new MultistreamMessage(protocols.get(0)).encodeTo(out);
    return new Step(out, state);
  }

  @Override
  protected void checkReady() {
    if (!started) {
      throw new IllegalStateException("call start() before feeding bytes");
    }
  }

  @Override
  protected void handle(MultistreamMessage message, ByteBuf out) throws MultistreamException {
    String proposed = protocols.get(proposal);
    if (message.text().equals(proposed)) {
      state = new NegotiationState.Selected(proposed, reader.takeLeftover());
    } else if (message.equals(MultistreamMessage.NA)) {
      proposal++;
      if (proposal == protocols.size()) {
        throw new MultistreamException("all proposals refused: " + protocols);
      }
      new MultistreamMessage(protocols.get(proposal)).encodeTo(out);
    } else {
      throw new MultistreamException("unexpected answer " + message.describe() + " to proposal '"
          + proposed + "'");
    }
  }
}
