package dev.axnode.securechannel;

import dev.axnode.securechannel.multistream.MultistreamMessage;
import dev.axnode.securechannel.noise.X25519KeyPair;
import dev.axnode.yamux.YamuxStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeaderCheckTest {

  @Test
  void acceptsTheHeaderSplitAnywhere() {
    byte[] header = MultistreamMessage.HEADER.toBytes();
    for (int split = 0; split <= header.length; split++) {
      HeaderCheck check = new HeaderCheck();
      assertTrue(check.accepts(Unpooled.wrappedBuffer(header, 0, split)));
      assertTrue(check.accepts(Unpooled.wrappedBuffer(header, split, header.length - split)));
      assertTrue(check.accepts(Unpooled.wrappedBuffer(new byte[] {1, 2, 3})), "bytes after the header are not checked");
    }
  }

  @Test
  void refusesTheFirstWrongByte() {
    HeaderCheck check = new HeaderCheck();
    assertTrue(check.accepts(Unpooled.wrappedBuffer(new byte[] {0x13, '/'})));
    assertFalse(check.accepts(Unpooled.wrappedBuffer(new byte[] {'x'})));
  }

  /** Garbage whose first byte reads as a long length must not make the listener wait for a timeout. */
  @Test
  void aListenerRefusesGarbageAtOnce() {
    List<String> closed = new ArrayList<>();
    SecureChannel listener = new SecureChannel(false, X25519KeyPair.generate(new SecureRandom()), new byte[0], null,
        new SecureChannel.Events() {
          @Override
          public void toNetwork(ByteBuf bytes) {
            bytes.release();
          }

          @Override
          public void secured(SecureChannel channel) {
          }

          @Override
          public void stream(SecureChannel channel, YamuxStream stream) {
          }

          @Override
          public void closed(SecureChannel channel, String error) {
            closed.add(error);
          }
        });
    listener.start();
    listener.fromNetwork(Unpooled.wrappedBuffer(new byte[] {0x7f, 0x12, 0x34}));
    assertEquals(1, closed.size());
    assertTrue(closed.get(0).contains("another swarm key"), closed.get(0));
  }
}
