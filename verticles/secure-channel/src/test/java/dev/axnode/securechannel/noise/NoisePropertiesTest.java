package dev.axnode.securechannel.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.axnode.securechannel.Mutations;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Hostile input to the payload decoder, the handshake and the transport: the only failure is a
 * NoiseException, and a modified authenticated message is never accepted.
 */
class NoisePropertiesTest {

  private static final TestIdentity ALICE = TestIdentity.fromSeed(1);
  private static final TestIdentity BOB = TestIdentity.fromSeed(2);
  private static final byte[] PAYLOAD = new NoiseHandshakePayload(
      NoiseIdentity.encodePublicKey(BOB.ed25519PublicKey()), BOB.signature(), List.of(new byte[] {1, 2}),
      List.of("/yamux/1.0.0")).encode();

  @Property(tries = 2000)
  void payloadDecoderOnlyFailsWithItsException(@ForAll @Size(max = 300) byte[] input) {
    decodeOrNoiseException(input);
  }

  @Property(tries = 2000)
  void payloadDecoderSurvivesMutations(@ForAll int kind, @ForAll int position, @ForAll byte value) {
    decodeOrNoiseException(Mutations.mutate(PAYLOAD, kind, position, value));
  }

  @Property(tries = 300)
  void initiatorRejectsAnyModifiedMessage2(@ForAll int kind, @ForAll int position, @ForAll byte value)
      throws NoiseException {
    NoiseXXHandshake initiator = ALICE.initiator(null);
    NoiseXXHandshake responder = BOB.responder();
    responder.readMessage(initiator.writeMessage());
    byte[] mutated = Mutations.mutate(responder.writeMessage(), kind, position, value);
    NoiseException e = assertThrows(NoiseException.class, () -> initiator.readMessage(mutated));
    assertTrue(e.getMessage().startsWith("noise: "));
  }

  @Property(tries = 300)
  void responderRejectsAnyModifiedMessage3(@ForAll int kind, @ForAll int position, @ForAll byte value)
      throws NoiseException {
    NoiseXXHandshake initiator = ALICE.initiator(null);
    NoiseXXHandshake responder = BOB.responder();
    responder.readMessage(initiator.writeMessage());
    initiator.readMessage(responder.writeMessage());
    byte[] mutated = Mutations.mutate(initiator.writeMessage(), kind, position, value);
    assertThrows(NoiseException.class, () -> responder.readMessage(mutated));
  }

  @Property(tries = 300)
  void handshakeReadersOnlyFailWithTheirException(@ForAll @Size(max = 400) byte[] input,
      @ForAll @IntRange(max = 1) int stage) throws NoiseException {
    NoiseXXHandshake reader;
    if (stage == 0) {
      reader = BOB.responder();
    } else {
      reader = ALICE.initiator(null);
      reader.writeMessage();
    }
    try {
      reader.readMessage(input);
      // message 1 is unauthenticated: any 32 bytes that are a usable key are fine
      assertEquals(0, stage);
      assertTrue(input.length >= 32);
    } catch (NoiseException e) {
      assertTrue(e.getMessage().startsWith("noise: "));
    }
  }

  @Property(tries = 200)
  void transportOnlyFailsWithItsException(@ForAll @Size(max = 600) byte[] input,
      @ForAll @IntRange(min = 1, max = 64) int chunk) throws NoiseException {
    NoiseXXHandshake initiator = ALICE.initiator(null);
    NoiseXXHandshake responder = BOB.responder();
    NoiseXXHandshakeTest.run(initiator, responder);
    ByteBuf wire = Unpooled.wrappedBuffer(input);
    try {
      while (wire.isReadable()) {
        ByteBuf plain = responder.transport().decrypt(wire.readSlice(Math.min(chunk, wire.readableBytes())));
        assertEquals(0, plain.readableBytes(), "random bytes never decrypt");
      }
    } catch (NoiseException e) {
      assertTrue(e.getMessage().startsWith("noise: "));
    }
  }

  private static void decodeOrNoiseException(byte[] input) {
    try {
      NoiseHandshakePayload payload = NoiseHandshakePayload.decode(input);
      assertTrue(payload.identityKey().length <= input.length);
      assertTrue(payload.streamMuxers().size() <= NoiseHandshakePayload.MAX_LIST_ENTRIES);
      assertTrue(Arrays.equals(payload.identitySig(), payload.identitySig()));
    } catch (NoiseException e) {
      assertTrue(e.getMessage().startsWith("noise: "));
    }
  }
}
