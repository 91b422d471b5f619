package dev.axnode.keystore;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.message.NodeIdentity;
import dev.axnode.kernel.message.SignPurpose;
import dev.axnode.kernel.message.SignRequest;
import dev.axnode.kernel.message.Signature;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Holds the node's Ed25519 identity and signs with it on request. The private key never
 * leaves this verticle: others ask {@link Addresses#KEYSTORE_IDENTITY} for the node ID and
 * {@link Addresses#KEYSTORE_SIGN} for signatures, and only for a {@link SignPurpose} it knows:
 * it builds the signed message itself, so nothing on the bus can make it sign arbitrary bytes.
 *
 * <p>Config: {@code dataDir} (required; the keystore is {@code <dataDir>/keystore}),
 * {@code passphraseEnv} (default {@value KeystoreOptions#DEFAULT_PASSPHRASE_ENV}),
 * {@code passphraseFileEnv} (default {@value KeystoreOptions#DEFAULT_PASSPHRASE_FILE_ENV}),
 * {@code passphraseFile}, {@code scryptLog2N} (cost of a new keystore, default
 * {@value ScryptParams#DEFAULT_LOG2N}; an existing keystore keeps the cost in its header).
 * Where the passphrase comes from, in order: see {@link UnlockSecret}.
 *
 * <p>It also keeps the per-semantics stream keys ({@code <dataDir>/stream-keys}, see
 * {@link StreamKeyFile}) and seals and opens event payloads with them, so they never leave it
 * either: {@link Addresses#KEYSTORE_STREAMKEYS}, {@link Addresses#KEYSTORE_PAYLOADS_SEAL},
 * {@link Addresses#KEYSTORE_PAYLOADS_OPEN}.
 */
public final class KeystoreVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(KeystoreVerticle.class);

  private final Function<String, String> env;
  private NodeKey key;
  private StreamKeyService streamKeys;
  private List<MessageConsumer<Object>> consumers = List.of();

  public KeystoreVerticle() {
    this(System::getenv);
  }

  /** @param env looks up environment variables; tests pass their own instead of {@code System::getenv} */
  public KeystoreVerticle(Function<String, String> env) {
    this.env = Objects.requireNonNull(env, "env");
  }

  @Override
  public Future<?> start() {
    return vertx.executeBlocking(() -> {
          Keystore.Opened opened = Keystore.openOrCreate(new KeystoreOptions(config()), env, new SecureRandom());
          // scrypt (N=2^17, r=8) just left 128 MiB of garbage in the heap: collect it now, so the
          // collector hands that memory back to the OS before the node is ready rather than
          // when a periodic GC gets round to it. Once per start.
          System.gc();
          return opened;
        }, false)
        .compose(opened -> {
          key = opened.key();
          LOG.info("keystore {} {} with the {}, node ID {}", opened.file(),
              opened.created() ? "created" : "opened", opened.secretSource(), key.nodeId());
          return StreamKeyService.open(vertx, key, new KeystoreOptions(config()).dataDir());
        })
        .compose(service -> {
          streamKeys = service;
          return listen();
        });
  }

  @Override
  public Future<?> stop() {
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList())
        .onComplete(ar -> {
          if (key != null) {
            key.destroy();
          }
          key = null;
          if (streamKeys != null) {
            streamKeys.close();
          }
        });
  }

  private Future<?> listen() {
    EventBus bus = vertx.eventBus();
    NodeIdentity identity = new NodeIdentity(key.nodeId());
    PayloadService payloads = new PayloadService(vertx, streamKeys.keys(), new SecureRandom());
    consumers = List.of(
        bus.consumer(Addresses.KEYSTORE_IDENTITY, message -> message.reply(identity)),
        bus.consumer(Addresses.KEYSTORE_SIGN, this::sign),
        bus.consumer(Addresses.KEYSTORE_STREAMKEYS, streamKeys::handle),
        bus.consumer(Addresses.KEYSTORE_PAYLOADS_SEAL, payloads::seal),
        bus.consumer(Addresses.KEYSTORE_PAYLOADS_OPEN, payloads::open));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  /** Signs the message a known purpose defines for the request's input, never the bytes as sent. */
  private void sign(Message<Object> message) {
    if (!(message.body() instanceof SignRequest request) || request.purpose() == null) {
      BusRequests.fail(message, new AxException(ErrorCode.INVALID_INPUT,
          "A sign request needs a purpose this keystore knows (" + List.of(SignPurpose.values()) + ") and its input"));
      return;
    }
    byte[] signed;
    try {
      signed = request.purpose().signedMessage(request.input());
    } catch (IllegalArgumentException e) {
      BusRequests.fail(message, new AxException(ErrorCode.INVALID_INPUT, "Cannot sign: " + e.getMessage()));
      return;
    }
    message.reply(new Signature(key.sign(signed)));
  }
}
