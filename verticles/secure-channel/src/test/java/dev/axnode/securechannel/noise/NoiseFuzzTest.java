package dev.axnode.securechannel.noise;

import dev.axnode.testkit.Fuzz;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes what a Noise peer sends: frames split anywhere, handshake messages, the handshake
 * payload (random, mutated, and carried through real encryption so it reaches the decoder), and
 * transport frames. Only a {@link NoiseException} comes out; CPU and allocation are bounded per
 * input.
 */
@AddLifecycleHook(Fuzz.class)
class NoiseFuzzTest {

  /**
   * Per byte: the frame buffer's copy (doubling: up to 4), one copy of a message or payload
   * field, plaintext out. Fixed: X25519 and ChaCha20-Poly1305 state, an Ed25519 verification,
   * the decoded payload's lists, one exception: well under 256 KiB.
   */
  private static final Fuzz.Budget BUDGET = new Fuzz.Budget(8, 256 * 1024);
  private static final TestIdentity ALICE = TestIdentity.fromSeed(1);
  private static final TestIdentity BOB = TestIdentity.fromSeed(2);
  private static final byte[] PAYLOAD = new NoiseHandshakePayload(
      NoiseIdentity.encodePublicKey(BOB.ed25519PublicKey()), BOB.signature(), List.of(new byte[] {1, 2}),
      List.of("/yamux/1.0.0")).encode();

  @BeforeContainer
  static void warmUp() throws Exception {
    Pair pair = handshake(BOB.payload());
    pair.initiator().readMessage(pair.message2());
    try {
      decrypt(complete(), new byte[40], List.of());
    } catch (NoiseException expected) {
      // the refusal path is warmed up too
    }
  }

  @Property(tries = 1000)
  void framesAreTheSameHoweverTheBytesAreSplit(@ForAll @Size(max = 3000) byte[] wire,
      @ForAll @Size(max = 6) List<@IntRange(min = 1, max = 700) Integer> cuts) {
    List<String> whole = frames(wire, List.of());
    Fuzz.decode(wire, BUDGET, NoException.class, () -> assertEquals(whole, frames(wire, cuts)));
  }

  @Property(tries = 1000)
  void payloadDecoderOnRandomBytes(@ForAll @Size(max = 2000) byte[] input) {
    Fuzz.decode(input, BUDGET, NoiseException.class, () -> NoiseHandshakePayload.decode(input));
  }

  @Property(tries = 1000)
  void payloadDecoderOnMutations(@ForAll int kind, @ForAll int position, @ForAll byte value) {
    byte[] input = Fuzz.mutate(PAYLOAD, kind, position, value);
    Fuzz.decode(input, BUDGET, NoiseException.class, () -> NoiseHandshakePayload.decode(input));
  }

  @Property(tries = 300)
  void initiatorOnAnEncryptedMutatedPayload(@ForAll int kind, @ForAll int position, @ForAll byte value) {
    byte[] payload = Fuzz.mutate(BOB.payload(List.of("/yamux/1.0.0")), kind, position, value);
    Fuzz.decode(payload, payload.length, BUDGET, NoiseException.class, () -> handshake(payload),
        pair -> pair.initiator().readMessage(pair.message2()));
  }

  @Property(tries = 300)
  void initiatorOnRandomMessage2(@ForAll @Size(max = 1000) byte[] message2) {
    Fuzz.decode(message2, message2.length, BUDGET, NoiseException.class, () -> handshake(BOB.payload()),
        pair -> pair.initiator().readMessage(message2));
  }

  @Property(tries = 300)
  void responderOnRandomMessage1(@ForAll @Size(max = 1000) byte[] message1) {
    Fuzz.decode(message1, message1.length, BUDGET, NoiseException.class, BOB::responder,
        responder -> responder.readMessage(message1));
  }

  @Property(tries = 300)
  void transportOnRandomBytes(@ForAll @Size(max = 3000) byte[] wire,
      @ForAll @Size(max = 6) List<@IntRange(min = 1, max = 700) Integer> cuts) {
    Fuzz.decode(wire, wire.length, BUDGET, NoiseException.class, NoiseFuzzTest::complete,
        transport -> decrypt(transport, wire, cuts));
  }

  @Property(tries = 300)
  void transportOnMutatedFrames(@ForAll @Size(max = 2) List<@Size(max = 300) byte[]> plaintexts,
      @ForAll int kind, @ForAll int position, @ForAll byte value,
      @ForAll @Size(max = 6) List<@IntRange(min = 1, max = 100) Integer> cuts) throws Exception {
    NoiseXXHandshake[] sides = completePair();
    ByteBuf valid = Unpooled.buffer();
    for (byte[] plaintext : plaintexts) {
      valid.writeBytes(sides[0].transport().encrypt(Unpooled.wrappedBuffer(plaintext)));
    }
    byte[] wire = Fuzz.mutate(ByteBufUtil.getBytes(valid), kind, position, value);
    NoiseTransport receiver = sides[1].transport();
    // one run only: the receiver's nonce moved on, so it is not rebuilt for a second look
    Fuzz.decode(wire, new Fuzz.Budget(8, 1024 * 1024), NoiseException.class, () -> decrypt(receiver, wire, cuts));
  }

  /**
   * Found by this fuzzer: every read allocated an output buffer as large as all bytes held, so
   * a 64 KiB frame sent a byte per read cost about 2 GiB of garbage.
   */
  @Example
  void aFrameTrickledAByteAtATimeAllocatesLittle() {
    Fuzz.decode("one 20000-byte frame", 20_018, BUDGET, NoException.class, () -> {
      NoiseXXHandshake[] sides = completePair();
      return new Wire(sides[1].transport(),
          ByteBufUtil.getBytes(sides[0].transport().encrypt(Unpooled.wrappedBuffer(new byte[20_000]))));
    }, wire -> {
      // one reused read buffer, so the test itself allocates nothing per read
      ByteBuf read = Unpooled.buffer(1);
      for (byte b : wire.bytes()) {
        wire.receiver().decrypt(read.clear().writeByte(b)).release();
      }
    });
  }

  private record Wire(NoiseTransport receiver, byte[] bytes) {
  }

  /** Nothing may escape. */
  private static final class NoException extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  private record Pair(NoiseXXHandshake initiator, byte[] message2) {
  }

  /** An initiator that sent message 1, and message 2 of a responder announcing {@code payload}. */
  private static Pair handshake(byte[] payload) throws NoiseException {
    NoiseXXHandshake initiator = ALICE.initiator(null);
    NoiseXXHandshake responder = new NoiseXXHandshake(NoiseRole.RESPONDER, BOB.staticKeys, payload, null);
    responder.readMessage(initiator.writeMessage());
    return new Pair(initiator, responder.writeMessage());
  }

  private static NoiseXXHandshake[] completePair() throws NoiseException {
    NoiseXXHandshake initiator = ALICE.initiator(null);
    NoiseXXHandshake responder = BOB.responder();
    NoiseXXHandshakeTest.run(initiator, responder);
    return new NoiseXXHandshake[] {initiator, responder};
  }

  private static NoiseTransport complete() throws NoiseException {
    return completePair()[1].transport();
  }

  private static void decrypt(NoiseTransport transport, byte[] wire, List<Integer> cuts) throws NoiseException {
    ByteBuf in = Unpooled.wrappedBuffer(wire);
    for (int i = 0; in.isReadable(); i++) {
      int size = cuts.isEmpty() ? in.readableBytes() : cuts.get(i % cuts.size());
      ByteBuf plain = transport.decrypt(in.readSlice(Math.min(size, in.readableBytes())));
      assertTrue(plain.readableBytes() <= wire.length);
      plain.release();
    }
  }

  /** Every complete frame's body in hex, the held rest last. */
  private static List<String> frames(byte[] wire, List<Integer> cuts) {
    NoiseFrameCodec codec = new NoiseFrameCodec();
    List<String> frames = new ArrayList<>();
    ByteBuf in = Unpooled.wrappedBuffer(wire);
    for (int i = 0; in.isReadable(); i++) {
      int size = cuts.isEmpty() ? in.readableBytes() : cuts.get(i % cuts.size());
      codec.append(in.readSlice(Math.min(size, in.readableBytes())));
      byte[] frame;
      while ((frame = codec.nextMessage()) != null) {
        frames.add(ByteBufUtil.hexDump(frame));
      }
      assertTrue(codec.buffered() <= NoiseFrameCodec.LENGTH_PREFIX + NoiseFrameCodec.MAX_FRAME + size);
    }
    frames.add("rest " + codec.buffered());
    return frames;
  }
}
