package dev.axnode.securechannel;

import dev.axnode.securechannel.multistream.MultistreamMessage;
import io.netty.buffer.ByteBuf;

/**
 * Refuses a connection at its first wrong byte. Both sides of a libp2p connection open
 * with exactly the multistream header ({@code 13 "/multistream/1.0.0\n"}). Behind pnet a
 * peer with another swarm key sends garbage, and garbage read as a length prefix often
 * announces a message longer than what was sent, so a length-driven decoder would wait
 * for the handshake timeout; comparing byte by byte answers at once.
 */
final class HeaderCheck {

  private static final byte[] HEADER = MultistreamMessage.HEADER.toBytes();

  private int matched;

  /** Checks the readable bytes of {@code in} (indexes unchanged) against the header's next bytes. */
  boolean accepts(ByteBuf in) {
    int index = in.readerIndex();
    while (matched < HEADER.length && index < in.writerIndex()) {
      if (in.getByte(index++) != HEADER[matched++]) {
        return false;
      }
    }
    return true;
  }
}
