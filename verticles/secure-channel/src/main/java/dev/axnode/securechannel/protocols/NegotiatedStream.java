package dev.axnode.securechannel.protocols;

import dev.axnode.yamux.YamuxStream;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * An outbound stream on which multistream-select agreed on {@code protocol}. The stream's
 * handlers are cleared; {@code leftover} holds bytes that came with the listener's echo
 * (usually none). Whoever takes this owns {@code leftover} and must release it; its window
 * credit was already returned.
 */
public record NegotiatedStream(String protocol, YamuxStream stream, ByteBuf leftover) {

  public NegotiatedStream {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(leftover, "leftover");
  }
}
