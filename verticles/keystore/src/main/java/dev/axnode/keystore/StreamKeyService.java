package dev.axnode.keystore;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.keys.NodeId;
import dev.axnode.sodium.Sodium;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Supplier;

import static dev.axnode.keystore.StreamKeyRequests.base64;
import static dev.axnode.keystore.StreamKeyRequests.body;
import static dev.axnode.keystore.StreamKeyRequests.epoch;
import static dev.axnode.keystore.StreamKeyRequests.noKey;
import static dev.axnode.keystore.StreamKeyRequests.nodeId;
import static dev.axnode.keystore.StreamKeyRequests.semantics;

/**
 * Serves {@code ax.keystore.streamkeys}: makes, rotates, seals and accepts the per-semantics
 * stream keys and keeps them in {@link StreamKeyFile}. A sealed key names its semantics and
 * epoch inside the box, so a grant cannot be relabelled as another family's key:
 *
 * <pre>
 *   sealed box plaintext = length u16 ‖ semantics UTF-8 ‖ epoch u32 ‖ key 32
 * </pre>
 *
 * Changes run one at a time (a chain of futures): each writes the file on a worker, then
 * swaps the in-memory set on the event loop, so a failed write changes nothing.
 */
final class StreamKeyService {

  private static final Logger LOG = LoggerFactory.getLogger(StreamKeyService.class);

  private final Vertx vertx;
  private final StreamKeyFile file;
  private final SealedBox box;
  private final SecureRandom random;
  private final byte[] ownPublic;
  private final byte[] ownSecret;
  private StreamKeys keys;
  private Future<?> changes = Future.succeededFuture();

  private StreamKeyService(Vertx vertx, StreamKeyFile file, SealedBox box, SecureRandom random,
      byte[] ownSecret, StreamKeys keys) {
    this.vertx = vertx;
    this.file = file;
    this.box = box;
    this.random = random;
    this.ownSecret = ownSecret;
    this.ownPublic = X25519Keys.publicOf(ownSecret);
    this.keys = keys;
  }

  /** Loads libsodium if it can and the stream-key file, on a worker. */
  static Future<StreamKeyService> open(Vertx vertx, NodeKey key, Path dataDir) {
    return vertx.executeBlocking(() -> {
      SecureRandom random = new SecureRandom();
      Sodium.load();
      byte[] seed = key.seed();
      try {
        StreamKeyFile file = new StreamKeyFile(dataDir, seed, random);
        StreamKeys keys = file.load();
        StreamKeyService service = new StreamKeyService(vertx, file, SealedBox.best(random), random,
            X25519Keys.secretFromEd25519Seed(seed), keys);
        LOG.info("{}", service.describe());
        return service;
      } finally {
        Arrays.fill(seed, (byte) 0);
      }
    }, false);
  }

  Supplier<StreamKeys> keys() {
    return () -> keys;
  }

  String describe() {
    return keys.size() + " stream keys in " + file.path() + ", sealed boxes and signatures by "
        + (box instanceof SodiumSealedBox ? Sodium.describe() : "pure Java");
  }

  void close() {
    Arrays.fill(ownSecret, (byte) 0);
    keys = StreamKeys.EMPTY;
  }

  void handle(Message<Object> message) {
    Future<JsonObject> result;
    try {
      JsonObject request = body(message.body());
      result = switch (String.valueOf(request.getValue("op"))) {
        case "create" -> create(semantics(request));
        case "rotate" -> rotate(semantics(request), request.containsKey("keyEpoch") ? epoch(request) : 0);
        case "seal" -> seal(semantics(request), epoch(request), nodeId(request, "recipient"));
        case "accept" -> accept(semantics(request), epoch(request), base64(request, "sealed"),
            StreamKeyRequests.keyId(request), request.getBoolean("replace", false));
        case "ls" -> Future.succeededFuture(new JsonObject().put("keys", keys.describe()));
        default -> throw StreamKeyRequests.invalid("\"op\" must be create, rotate, seal, accept or ls");
      };
    } catch (AxException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(ar -> {
      if (ar.succeeded()) {
        message.reply(ar.result());
      } else {
        BusRequests.fail(message, ar.cause());
      }
    });
  }

  private Future<JsonObject> create(String semantics) {
    return change(() -> {
      int latest = keys.latest(semantics);
      if (latest > 0) {
        throw new AxException(ErrorCode.FILE_EXISTS, "Semantics \"" + semantics
            + "\" already has a stream key (epoch " + latest + "); rotate it for a new one");
      }
      return add(semantics, 1, freshKey());
    });
  }

  /**
   * A fresh key for {@code epoch} ({@code 0}: one past the newest held). The events side names
   * the epoch because it follows the authorized chain, which may be behind a key this node
   * made in a rotation that lost.
   */
  private Future<JsonObject> rotate(String semantics, int epoch) {
    return change(() -> {
      int latest = keys.latest(semantics);
      if (latest == 0) {
        throw noKey(semantics, 0);
      }
      int next = epoch == 0 ? latest + 1 : epoch;
      if (keys.key(semantics, next) != null) {
        throw new AxException(ErrorCode.FILE_EXISTS, "Semantics \"" + semantics + "\" already has a key of epoch " + next);
      }
      return add(semantics, next, freshKey());
    });
  }

  private Future<JsonObject> seal(String semantics, int epoch, NodeId recipient) {
    byte[] key = keys.key(semantics, epoch);
    if (key == null) {
      return Future.failedFuture(noKey(semantics, epoch));
    }
    return vertx.executeBlocking(() -> {
      byte[] pk;
      try {
        pk = X25519Keys.publicFromEd25519(recipient.publicKey());
      } catch (IllegalArgumentException e) {
        throw StreamKeyRequests.invalid("Cannot seal to " + recipient + ": " + e.getMessage());
      }
      byte[] plaintext = grantPlaintext(semantics, epoch, key);
      try {
        return new JsonObject().put("sealed", Base64.getEncoder().encodeToString(box.seal(pk, plaintext)))
            .put("keyId", StreamKeys.keyId(key));
      } finally {
        Arrays.fill(plaintext, (byte) 0);
      }
    }, false);
  }

  /**
   * Opens a grant with this node's key; false when it is not for this node (or was changed).
   * {@code keyId} (optional) is the key the grant claims to carry: any other is refused.
   * {@code replace} lets it overwrite a different key held for the epoch (one from a rotation
   * that lost); without it that is refused.
   */
  private Future<JsonObject> accept(String semantics, int epoch, byte[] sealed, String keyId, boolean replace) {
    int expected = SealedBox.OVERHEAD + 2 + semantics.getBytes(StandardCharsets.UTF_8).length + 4
        + StreamKeys.KEY_LENGTH;
    if (sealed.length != expected) {
      return Future.failedFuture(StreamKeyRequests.invalid("A sealed key of \"" + semantics + "\" has "
          + expected + " bytes, not " + sealed.length));
    }
    return vertx.executeBlocking(() -> box.open(sealed, ownPublic, ownSecret), false)
        .compose(plaintext -> plaintext == null
            ? Future.succeededFuture(new JsonObject().put("accepted", false))
            : change(() -> store(semantics, epoch, plaintext, keyId, replace)));
  }

  private Future<JsonObject> store(String semantics, int epoch, byte[] plaintext, String keyId, boolean replace) {
    byte[] key = grantedKey(semantics, epoch, plaintext);
    try {
      String id = StreamKeys.keyId(key);
      if (keyId != null && !keyId.equals(id)) {
        throw new AxException(ErrorCode.EVENTS_REJECTED, "The sealed key of \"" + semantics + "\" epoch " + epoch
            + " is not the key " + keyId + " the grant names");
      }
      byte[] held = keys.key(semantics, epoch);
      if (held != null && MessageDigest.isEqual(held, key)) {
        return Future.succeededFuture(new JsonObject().put("accepted", true).put("keyId", id));
      }
      if (held != null && !replace) {
        throw new AxException(ErrorCode.FILE_EXISTS, "This node holds another key of \"" + semantics
            + "\" epoch " + epoch + "; the grant is not taken");
      }
      if (held != null) {
        LOG.info("stream key of {} epoch {} replaced by the key of the rotation that won", semantics, epoch);
      }
      return add(semantics, epoch, key).map(v -> new JsonObject().put("accepted", true).put("keyId", id));
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** The key inside an opened grant, after checking it names {@code semantics} and {@code epoch}. */
  private static byte[] grantedKey(String semantics, int epoch, byte[] plaintext) {
    try {
      ByteBuffer in = ByteBuffer.wrap(plaintext);
      byte[] name = new byte[in.getShort() & 0xffff];
      in.get(name);
      int sealedEpoch = in.getInt();
      if (!Arrays.equals(name, semantics.getBytes(StandardCharsets.UTF_8)) || sealedEpoch != epoch) {
        throw StreamKeyRequests.invalid("The sealed key is for \"" + new String(name, StandardCharsets.UTF_8)
            + "\" epoch " + sealedEpoch + ", not \"" + semantics + "\" epoch " + epoch);
      }
      byte[] key = new byte[StreamKeys.KEY_LENGTH];
      in.get(key);
      return key;
    } catch (BufferUnderflowException e) {
      throw StreamKeyRequests.invalid("The sealed key is not a key of \"" + semantics + "\"");
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  /** Writes the set with the new key, then makes it current; replies {@code {"semantics","keyEpoch","keyId"}}. */
  private Future<JsonObject> add(String semantics, int epoch, byte[] key) {
    StreamKeys next = keys.with(semantics, epoch, key);
    String id = StreamKeys.keyId(key);
    Arrays.fill(key, (byte) 0);
    return vertx.executeBlocking(() -> {
      file.save(next);
      return next;
    }, true).map(saved -> {
      keys = saved;
      return new JsonObject().put("semantics", semantics).put("keyEpoch", epoch).put("keyId", id);
    });
  }

  /** Runs {@code change} after every change before it has finished, so no two see the same set. */
  private Future<JsonObject> change(Supplier<Future<JsonObject>> change) {
    Future<JsonObject> result = changes.transform(ignored -> {
      try {
        return change.get();
      } catch (AxException e) {
        return Future.failedFuture(e);
      }
    });
    changes = result;
    return result;
  }

  private byte[] freshKey() {
    byte[] key = new byte[StreamKeys.KEY_LENGTH];
    random.nextBytes(key);
    return key;
  }

  static byte[] grantPlaintext(String semantics, int epoch, byte[] key) {
    byte[] name = semantics.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(2 + name.length + 4 + key.length)
        .putShort((short) name.length).put(name).putInt(epoch).put(key).array();
  }
}
