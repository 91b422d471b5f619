package dev.axnode.securechannel;

import dev.axnode.securechannel.multistream.DialerNegotiation;
import dev.axnode.securechannel.multistream.ListenerNegotiation;
import dev.axnode.securechannel.multistream.Step;
import io.netty.buffer.ByteBuf;

import java.util.List;
import java.util.Set;

/** One multistream-select round for one protocol, from either side, behind one small interface. */
interface Negotiator {

  /** The bytes to send at once (the dialer's header and proposal; nothing for a listener). */
  Step start();

  Step onBytes(ByteBuf in);

  static Negotiator of(boolean dialer, String protocol) {
    if (dialer) {
      DialerNegotiation negotiation = new DialerNegotiation(List.of(protocol));
      return new Negotiator() {
        @Override
        public Step start() {
          return negotiation.start();
        }

        @Override
        public Step onBytes(ByteBuf in) {
          return negotiation.onBytes(in);
        }
      };
    }
    ListenerNegotiation negotiation = new ListenerNegotiation(Set.of(protocol));
    return new Negotiator() {
      @Override
      public Step start() {
        return new Step(io.netty.buffer.Unpooled.EMPTY_BUFFER, negotiation.state());
      }

      @Override
      public Step onBytes(ByteBuf in) {
        return negotiation.onBytes(in);
      }
    };
  }
}
