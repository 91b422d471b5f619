package dev.axnode.events.keys;

import dev.axnode.events.model.EventEncoding;
import dev.axnode.events.model.StoredEvent;
import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.message.NodeIdentity;
import dev.axnode.kernel.message.PayloadSeal;
import dev.axnode.kernel.message.PayloadsSealed;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
  /** Grants already handed to the keystore (or in flight), so each is tried once. */
  private final Set<Grant> tried = new HashSet<>();
  /** Families whose grants changed and whose reconcile has not run yet. */
  private final Set<String> scheduled = new HashSet<>();
  /** Rival grants already logged, so each is logged once. */
  private final Set<Grant> logged = new HashSet<>();

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
    return book.latestUsable(semantics);
  }

  @Override
  public Future<List<byte[]>> seal(String semantics, int epoch, List<byte[]> aads, List<byte[]> plaintexts) {
    if (aads.size() != plaintexts.size()) {
      return Future.failedFuture(new IllegalArgumentException("one associated data per plaintext"));
    }
    if (!book.usable(semantics, epoch)) {
      return Future.failedFuture(new AxException(ErrorCode.EVENTS_NO_KEY, "This node holds no authorized stream key of \""
          + semantics + "\" epoch " + epoch));
    }
    return BusRequests.<PayloadsSealed>request(vertx, Addresses.KEYSTORE_PAYLOADS_SEAL,
            new PayloadSeal(semantics, epoch, aads, plaintexts))
        .map(PayloadsSealed::sealed);
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
    if (scheduled.add(grant.semantics())) {
      // after the observes of this batch (a replay at start is one long batch): the authority
      // is recomputed once per batch, not once per grant
      Promise<Void> afterBatch = Promise.promise();
      vertx.runOnContext(v -> afterBatch.complete());
      accepts = Future.all(accepts, afterBatch.future()).transform(v -> reconcile(grant.semantics()));
    }
  }

  /**
   * Logs new rival grants of {@code semantics} and asks the keystore, one grant at a time, to
   * take the winning key of every authorized epoch granted to this node that it does not hold
   * (replacing a key from a rotation that lost).
   */
  private Future<Void> reconcile(String semantics) {
    scheduled.remove(semantics);
    GrantAuthority authority = book.authority(semantics);
    for (Grant rival : authority.rivals()) {
      if (logged.add(rival)) {
        LOG.warn("ignoring a {}: {}", rival.describe(), rival.keyEpoch() == 1
            ? "the family was created by " + authority.creator()
            : "another holder's rotation to that epoch came first");
      }
    }
    Future<Void> chain = Future.succeededFuture();
    for (int epoch : authority.epochs().keySet()) {
      if (!book.usable(semantics, epoch)) {
        Grant grant = authority.grantsTo(epoch, self).stream().filter(tried::add).findFirst().orElse(null);
        if (grant != null) {
          chain = chain.transform(v -> acceptNow(grant));
        }
      }
    }
    return chain;
  }

  /** Accepts run one after another; each checks again that its grant still wins before asking. */
  private Future<Void> acceptNow(Grant grant) {
    GrantAuthority.Epoch won = book.authority(grant.semantics()).epochs().get(grant.keyEpoch());
    if (won == null || !won.keyId().equals(grant.keyId()) || book.usable(grant.semantics(), grant.keyEpoch())) {
      tried.remove(grant);
      return Future.succeededFuture();
    }
    JsonObject request = new JsonObject().put("op", "accept").put("semantics", grant.semantics())
        .put("keyEpoch", grant.keyEpoch()).put("sealed", grant.sealed()).put("keyId", grant.keyId())
        .put("replace", book.holds(grant.semantics(), grant.keyEpoch()));
    return BusRequests.<JsonObject>request(vertx, Addresses.KEYSTORE_STREAMKEYS, request)
        .<Void>map(reply -> {
          if (reply.getBoolean("accepted", false)) {
            book.hold(grant.semantics(), grant.keyEpoch(), reply.getString("keyId"));
            LOG.info("stream key of {} epoch {} granted by {}", grant.semantics(), grant.keyEpoch(), grant.source());
          } else {
            LOG.warn("a {} does not open with this node's key", grant.describe());
          }
          return null;
        })
        .recover(e -> {
          LOG.warn("a {} was not taken: {}", grant.describe(), e.getMessage());
          return Future.succeededFuture();
        });
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
            JsonArray epochs = family.getJsonArray("keyEpochs");
            JsonArray ids = family.getJsonArray("keyIds");
            for (int i = 0; i < epochs.size(); i++) {
              book.hold(family.getString("semantics"), epochs.getInteger(i), ids.getString(i));
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
}
