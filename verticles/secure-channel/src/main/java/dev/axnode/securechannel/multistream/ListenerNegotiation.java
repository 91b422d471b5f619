package dev.axnode.securechannel.multistream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The listener's side of multistream-select 1.0, as a state machine without I/O.
 *
 * <pre>
 *   dialer                                  listener
 *   /multistream/1.0.0               --&gt;
 *                                    &lt;--    /multistream/1.0.0   (once; now, or at start())
 *   /tls/1.0.0                       --&gt;
 *                                    &lt;--    na                   (not supported)
 *   ls                               --&gt;
 *                                    &lt;--    uvarint(n) ‖ (uvarint(len) ‖ id ‖ '\n')* ‖ '\n'
 *   /noise                           --&gt;
 *                                    &lt;--    /noise               (echo = selected)
 * </pre>
 *
 * <p>The {@code ls} answer is one message whose body is the list of length-prefixed IDs
 * followed by a newline, as go, rust and js write it.
 *
 * <p>Spec: https://github.com/multiformats/multistream-select
 *
 * <p>Like js-libp2p, the header goes out when the dialer's header arrives; {@link #start()}
 * sends it earlier (go's way). Either way it is sent once. Not thread-safe.
 */
public final class ListenerNegotiation extends Negotiation {

  /**
   * Messages that select nothing (refused proposals and {@code ls}) tolerated before giving
   * up: a peer cannot keep us busy forever, nor make us write 23 bytes per 4-byte {@code ls}
   * without end while it does not read.
   */
  public static final int MAX_REFUSED = 100;

  private final Set<String> supported;
  private final byte[] lsAnswer;
  private boolean headerSent;
  private int refused;

  /**
   * @param supported the protocols this side speaks; iteration order is the {@code ls} order
   * @throws IllegalArgumentException if an ID or the {@code ls} answer does not fit in a message
   */
  public ListenerNegotiation(Set<String> supported) {
    supported.forEach(MultistreamMessage::new);
    this.supported = new LinkedHashSet<>(supported);
    this.lsAnswer = encodeLsAnswer(this.supported);
  }

  /** Optional: the header now, before the dialer's arrives. */
  @Override
  public Step start() {
    ByteBuf out = Unpooled.buffer();
    if (!headerSent) {
      headerSent = true;
      MultistreamMessage.HEADER.encodeTo(out);
    }
    return new Step(out, state);
  }

  @Override
  protected void headerReceived(ByteBuf out) {
    if (!headerSent) {
      headerSent = true;
      MultistreamMessage.HEADER.encodeTo(out);
    }
  }

  @Override
  protected void handle(MultistreamMessage message, ByteBuf out) throws MultistreamException {
    if (supported.contains(message.text())) {
      message.encodeTo(out);
      state = new NegotiationState.Selected(message.text(), reader.takeLeftover());
      return;
    }
    if (++refused > MAX_REFUSED) {
      throw new MultistreamException("too many refused proposals (" + MAX_REFUSED + ")");
    }
    if (message.equals(MultistreamMessage.LS)) {
      out.writeBytes(lsAnswer);
    } else {
      MultistreamMessage.NA.encodeTo(out);
    }
  }

  private static byte[] encodeLsAnswer(Set<String> protocols) {
    ByteBuf body = Unpooled.buffer();
    protocols.forEach(id -> new MultistreamMessage(id).encodeTo(body));
    body.writeByte('\n');
    int length = body.readableBytes();
    if (length > MultistreamMessage.MAX_LENGTH) {
      throw new IllegalArgumentException("the ls answer for " + protocols.size()
          + " protocols exceeds " + MultistreamMessage.MAX_LENGTH + " bytes");
    }
    ByteBuf answer = Unpooled.buffer(length + 2);
    Uvarint.write(answer, length);
    answer.writeBytes(body);
    byte[] bytes = new byte[answer.readableBytes()];
    answer.readBytes(bytes);
    return bytes;
  }
}
