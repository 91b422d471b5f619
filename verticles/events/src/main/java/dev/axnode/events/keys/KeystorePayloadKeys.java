package dev.axnode.events.keys;

import dev.axnode.events.model.EventEncoding;
import dev.axnode.events.model.StoredEvent;
import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.message.NodeIdentity;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * {@link PayloadKeys} through the keystore verticle's stream-key addresses. It keeps a copy of
 * which epochs the keystore holds (never the keys) and what the grants seen so far say
 * ({@link GrantBook}); the key work is the keystore's. Runs on the events verticle's context.
 */
public final class KeystorePayloadKeys implements PayloadKeys {

  private static final Logger LOG = LoggerFactory.getLogger(KeystorePayloadKeys.class);

  private final Vertx vertx;
  private final GrantBook book = new GrantBook();
  private String self;
  /** Completes when every accept started so far has finished: open() waits for it. */
  private Future<Void> accepts = Future.succeededFuture();

  public KeystorePayloadKeys(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Future<Void> start() {
    return BusRequests.<NodeIdentity>request(vertx, Addresses.KEYSTORE_IDENTITY, null)
        .compose(identity -> {
          self = identity.nodeId().toString();
          return refresh();
        })
        .mapEmpty();
  }

  /** This node's ID, known once {@link #start} has completed. */
  String self() {
    return self;
  }

  @Override
  public boolean encrypted(String semantics) {
    return book.encrypted(semantics);
  }

  @Override
  public int latestEpoch(String semantics) {
    return book.latestHeld(semantics);
  }

  @Override
  public Future<List<byte[]>> seal(String semantics, int epoch, List<byte[]> aads, List<byte[]> plaintexts) {
    if (aads.size() != plaintexts.size()) {
      return Future.failedFuture(new IllegalArgumentException("one associated data per plaintext"));
    }
    JsonArray items = new JsonArray();
    for (int i = 0; i < aads.size(); i++) {
      items.add(new JsonObject().put("aad", b64(aads.get(i))).put("plaintext", b64(plaintexts.get(i))));
    }
    return BusRequests.<JsonObject>request(vertx, Addresses.KEYSTORE_PAYLOADS_SEAL, new JsonObject()
            .put("semantics", semantics).put("keyEpoch", epoch).put("items", items))
        .map(reply -> decodeAll(reply.getJsonArray("items")));
  }

  /** Plain events come back as they are; sealed ones of an epoch not held are null without asking. */
  @Override
  public Future<List<byte[]>> open(List<StoredEvent> events) {
    return accepts.transform(ignored -> {
      JsonArray items = new JsonArray();
      for (StoredEvent event : events) {
        if (event.encrypted() && book.holds(event.semantics(), event.keyEpoch())) {
          items.add(new JsonObject().put("semantics", event.semantics()).put("keyEpoch", event.keyEpoch())
              .put("aad", b64(EventEncoding.header(event))).put("sealed", b64(event.payload())));
        }
      }
      Future<List<byte[]>> opened = items.isEmpty() ? Future.succeededFuture(List.of())
          : BusRequests.<JsonObject>request(vertx, Addresses.KEYSTORE_PAYLOADS_OPEN, new JsonObject().put("items", items))
              .map(reply -> decodeAll(reply.getJsonArray("items")));
      return opened.map(plain -> merge(events, plain));
    });
  }

  private List<byte[]> merge(List<StoredEvent> events, List<byte[]> opened) {
    List<byte[]> out = new ArrayList<>(events.size());
    int next = 0;
    for (StoredEvent event : events) {
      if (!event.encrypted()) {
        out.add(event.payload());
      } else if (book.holds(event.semantics(), event.keyEpoch()) && next < opened.size()) {
        out.add(opened.get(next++));
      } else {
        out.add(null);
      }
    }
    return out;
  }

  @Override
  public void observe(StoredEvent event) {
    if (!GRANT_SEMANTICS.equals(event.semantics())) {
      return;
    }
    Grant grant = Grant.parse(event);
    if (grant == null) {
      LOG.debug("ignoring a malformed key grant {}", event);
      return;
    }
    book.record(grant);
    if (grant.recipient().equals(self) && !book.holds(grant.semantics(), grant.keyEpoch())) {
      accept(grant);
    }
  }

  private void accept(Grant grant) {
    JsonObject request = new JsonObject().put("op", "accept").put("semantics", grant.semantics())
        .put("keyEpoch", grant.keyEpoch()).put("sealed", grant.sealed());
    Future<Void> done = BusRequests.<JsonObject>request(vertx, Addresses.KEYSTORE_STREAMKEYS, request)
        .<Void>map(reply -> {
          if (reply.getBoolean("accepted", false)) {
            book.hold(grant.semantics(), grant.keyEpoch());
            LOG.info("stream key of {} epoch {} granted by {}", grant.semantics(), grant.keyEpoch(), grant.source());
          } else {
            LOG.warn("a key grant of {} epoch {} from {} names this node but does not open with its key",
                grant.semantics(), grant.keyEpoch(), grant.source());
          }
          return null;
        })
        .recover(e -> {
          LOG.warn("a key grant of {} epoch {} from {} was not taken: {}", grant.semantics(), grant.keyEpoch(),
              grant.source(), e.getMessage());
          return Future.succeededFuture();
        });
    accepts = Future.all(accepts, done).mapEmpty();
  }

  @Override
  public Future<JsonObject> handle(JsonObject request, Function<JsonArray, Future<JsonObject>> publish) {
    KeyCommands commands = new KeyCommands(vertx, self, book, publish);
    try {
      return switch (String.valueOf(request.getValue("op"))) {
        case "create" -> commands.create(KeyCommands.semantics(request));
        case "grant" -> commands.grant(KeyCommands.semantics(request), KeyCommands.nodeId(request.getValue("nodeId")));
        case "rotate" -> commands.rotate(KeyCommands.semantics(request), KeyCommands.revoked(request, self));
        case "ls" -> refresh().map(v -> new JsonObject().put("keys", book.describe()));
        default -> throw new AxException(ErrorCode.INVALID_INPUT, "\"op\" must be create, grant, rotate or ls");
      };
    } catch (AxException e) {
      return Future.failedFuture(e);
    }
  }

  /** Reloads which epochs the keystore holds. */
  private Future<Void> refresh() {
    return BusRequests.<JsonObject>request(vertx, Addresses.KEYSTORE_STREAMKEYS, new JsonObject().put("op", "ls"))
        .map(reply -> {
          for (Object entry : reply.getJsonArray("keys", new JsonArray())) {
            JsonObject family = (JsonObject) entry;
            for (Object epoch : family.getJsonArray("keyEpochs")) {
              book.hold(family.getString("semantics"), ((Number) epoch).intValue());
            }
          }
          return null;
        });
  }

  static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static List<byte[]> decodeAll(JsonArray items) {
    List<byte[]> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      String text = items.getString(i);
      out.add(text == null ? null : Base64.getDecoder().decode(text));
    }
    return out;
  }

  /** A parsed {@code ax.keys} event: {@code {"semantics","keyEpoch","recipient","sealed"}}, name = semantics. */
  record Grant(String source, String semantics, int keyEpoch, String recipient, String sealed) {

    static Grant parse(StoredEvent event) {
      if (event.encrypted()) {
        return null;
      }
      try {
        JsonObject payload = new JsonObject(new String(event.payload(), StandardCharsets.UTF_8));
        String semantics = payload.getString("semantics");
        Integer epoch = payload.getInteger("keyEpoch");
        String recipient = payload.getString("recipient");
        String sealed = payload.getString("sealed");
        if (semantics == null || !semantics.equals(event.name()) || epoch == null || epoch < 1
            || recipient == null || sealed == null) {
          return null;
        }
        return new Grant(event.source(), semantics, epoch, recipient, sealed);
      } catch (RuntimeException e) {
        return null;
      }
    }

    /** The publish-request event that carries this grant. */
    JsonObject toEvent() {
      return new JsonObject().put("semantics", GRANT_SEMANTICS).put("name", semantics)
          .put("payload", new JsonObject().put("semantics", semantics).put("keyEpoch", keyEpoch)
              .put("recipient", recipient).put("sealed", sealed));
    }
  }
}
