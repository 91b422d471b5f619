package dev.axnode.securechannel.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The Noise_XX_25519_ChaChaPoly_SHA256 vector of the cacophony suite, as published in
 * https://github.com/mcginty/snow/blob/main/tests/vectors/cacophony.txt (snow commit
 * 8ac60f51cfe3e010c84f0a454cc575ad9204fa12), values copied exactly. Messages 0-2 are the
 * handshake; later messages are transport messages, the initiator sending the even ones.
 */
class NoiseVectorsTest {

  private static final String PROLOGUE = "4a6f686e2047616c74";
  private static final String INIT_STATIC = "e61ef9919cde45dd5f82166404bd08e38bceb5dfdfded0a34c8df7ed542214d1";
  private static final String INIT_EPHEMERAL = "893e28b9dc6ca8d611ab664754b8ceb7bac5117349a4439a6b0569da977c464a";
  private static final String RESP_STATIC = "4a3acbfdb163dec651dfa3194dece676d437029c62a408b4c5ea9114246e4893";
  private static final String RESP_EPHEMERAL = "bbdb4cdbd309f1a1f2e1456967fe288cadd6f712d65dc7b7793d5e63da6b375b";
  private static final String HANDSHAKE_HASH = "c8e5f64e846193be2a834104c2a009868d6c9f3bd3c186299888b488b2f1f58e";

  private static final String[][] MESSAGES = {
    {"4c756477696720766f6e204d69736573",
      "ca35def5ae56cec33dc2036731ab14896bc4c75dbb07a61f879f8e3afa4c79444c756477696720766f6e204d69736573"},
    {"4d757272617920526f746862617264",
      "95ebc60d2b1fa672c1f46a8aa265ef51bfe38e7ccb39ec5be34069f14480884381cbad1f276e038c48378ffce2b65285e0"
      + "8d6b68aaa3629a5a8639392490e5b9bd5269c2f1e4f488ed8831161f19b7815528f8982ffe09be9b5c412f8a0db50f88"
      + "14c7194e83f23dbd8d162c9326ad"},
    {"462e20412e20486179656b",
      "c7195ffacac1307ff99046f219750fc47693e23c3cb08b89c2af808b444850a80ae475b9df0f169ae80a89be0865b57f"
      + "58c9fea0d4ec82a286427402f113e4b6ae769a1d95941d49b25030"},
    {"4361726c204d656e676572", "96763ed773f8e47bb3712f0e29b3060ffc956ffc146cee53d5e1df"},
    {"4a65616e2d426170746973746520536179",
      "3e40f15f6f3a46ae446b253bf8b1d9ffb6ed9b174d272328ff91a7e2e5c79c07f5"},
    {"457567656e2042f6686d20766f6e2042617765726b",
      "eb3f3515110702e047a6c9da4478b6ead94873c11c0f2d710ddb3f09fce024b3a58502ae3f"},
  };

  private static byte[] hex(String text) {
    return HexFormat.of().parseHex(text);
  }

  @Test
  void cacophonyXx25519ChaChaPolySha256() throws NoiseException {
    HandshakeState initiator = new HandshakeState(NoiseRole.INITIATOR, hex(PROLOGUE),
        X25519KeyPair.fromPrivateKey(hex(INIT_STATIC)), X25519KeyPair.fromPrivateKey(hex(INIT_EPHEMERAL)),
        new SecureRandom());
    HandshakeState responder = new HandshakeState(NoiseRole.RESPONDER, hex(PROLOGUE),
        X25519KeyPair.fromPrivateKey(hex(RESP_STATIC)), X25519KeyPair.fromPrivateKey(hex(RESP_EPHEMERAL)),
        new SecureRandom());

    for (int i = 0; i < 3; i++) {
      HandshakeState sender = i % 2 == 0 ? initiator : responder;
      HandshakeState receiver = i % 2 == 0 ? responder : initiator;
      byte[] message = sender.writeMessage(hex(MESSAGES[i][0]));
      assertArrayEquals(hex(MESSAGES[i][1]), message, "handshake message " + i);
      assertArrayEquals(hex(MESSAGES[i][0]), receiver.readMessage(message), "payload " + i);
    }
    assertTrue(initiator.isComplete() && responder.isComplete());
    assertArrayEquals(hex(HANDSHAKE_HASH), initiator.handshakeHash());
    assertArrayEquals(hex(HANDSHAKE_HASH), responder.handshakeHash());

    CipherState[] i = initiator.split();
    CipherState[] r = responder.split();
    NoiseTransport initiatorTransport = new NoiseTransport(i[0], i[1]);
    NoiseTransport responderTransport = new NoiseTransport(r[0], r[1]);
    for (int m = 3; m < MESSAGES.length; m++) {
      NoiseTransport sender = m % 2 == 0 ? initiatorTransport : responderTransport;
      NoiseTransport receiver = m % 2 == 0 ? responderTransport : initiatorTransport;
      byte[] message = sender.encryptMessage(hex(MESSAGES[m][0]));
      assertArrayEquals(hex(MESSAGES[m][1]), message, "transport message " + m);
      assertArrayEquals(hex(MESSAGES[m][0]), receiver.decryptMessage(message), "payload " + m);
    }
  }
}
