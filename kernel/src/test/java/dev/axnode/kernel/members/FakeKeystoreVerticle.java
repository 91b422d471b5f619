package dev.axnode.kernel.members;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.keys.NodeId;
import dev.axnode.kernel.message.BoundAddress;
import dev.axnode.kernel.message.NodeIdentity;
import dev.axnode.kernel.message.SignRequest;
import dev.axnode.kernel.message.Signature;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * Stands in for the keystore in kernel tests (the real one lives in a module above the
 * kernel): answers the node identity and signs with a zero signature, except that a sign
 * request whose input starts with {@link #HOLD} is never answered, as if its member died
 * while signing. Announces one bound address, as a verticle with a socket does.
 */
public class FakeKeystoreVerticle extends VerticleBase {

  public static final byte HOLD = (byte) 0xff;
  public static final NodeId NODE = NodeId.ofPublicKey(new byte[32]);
  public static final BoundAddress BOUND = new BoundAddress("keystore", "test", "127.0.0.1", 1);

  @Override
  public Future<?> start() {
    return Future.all(
        vertx.eventBus().consumer(Addresses.KEYSTORE_IDENTITY, m -> m.reply(new NodeIdentity(NODE))).completion(),
        vertx.eventBus().<SignRequest>consumer(Addresses.KEYSTORE_SIGN, m -> {
          byte[] input = m.body().input();
          if (input == null || input.length == 0 || input[0] != HOLD) {
            m.reply(new Signature(new byte[64]));
          }
        }).completion())
        .compose(v -> vertx.eventBus().request(Addresses.KERNEL_ADDRESS_BOUND, BOUND));
  }
}
