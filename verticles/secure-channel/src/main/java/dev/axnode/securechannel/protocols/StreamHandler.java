package dev.axnode.securechannel.protocols;

import dev.axnode.yamux.YamuxStream;
import io.netty.buffer.ByteBuf;

/**
 * Serves one protocol on an inbound stream once multistream-select chose it.
 *
 * <p>Called on the session's thread with the stream's data, end and reset handlers cleared
 * (later bytes wait inside the stream until a handler is set). {@code leftover} holds bytes
 * the peer sent right after its proposal: the protocol's first bytes, possibly none. The
 * handler owns {@code leftover} from the call on and must release it; its window credit was
 * already returned, so it is not reported with {@code consumed}.
 */
@FunctionalInterface
public interface StreamHandler {
  void handle(YamuxStream stream, ByteBuf leftover);
}
