package dev.axnode.events.keys;

import dev.axnode.events.model.StoredEvent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.function.Function;

/**
 * Per-semantics encryption as the events verticle sees it. The stream keys never leave the
 * keystore verticle: an implementation asks it (over the bus) to seal and open payloads and
 * to make, rotate and seal keys. Grants travel as events of the reserved semantics
 * {@link #GRANT_SEMANTICS}, so they replicate like any other; {@link #observe} sees every
 * stored event and acts on grants. All methods run on the events verticle's context.
 */
public interface PayloadKeys {

  /** The semantics of key grants; name = the granted semantics. Semantics starting {@code ax.} are reserved. */
  String GRANT_SEMANTICS = "ax.keys";

  /** Loads what the keystore holds; the verticle starts once it completes. */
  Future<Void> start();

  /** Whether {@code semantics} is an encrypted family (a grant of it has been seen or made). */
  boolean encrypted(String semantics);

  /** The newest authorized key epoch of {@code semantics} this node holds the winning key of, 0 when none. */
  int latestEpoch(String semantics);

  /**
   * Seals {@code plaintexts[i]} with associated data {@code aads[i]} under {@code epoch} of
   * {@code semantics}: {@code nonce ‖ ciphertext ‖ tag} each. Fails ERR_EVENTS_NO_KEY without that
   * key, or when the epoch's grant chain is not (yet) verified.
   */
  Future<List<byte[]>> seal(String semantics, int epoch, List<byte[]> aads, List<byte[]> plaintexts);

  /**
   * The plaintexts of sealed {@code events} (their headers as associated data), in order; null
   * for each one this node holds no key for or whose ciphertext does not authenticate.
   */
  Future<List<byte[]>> open(List<StoredEvent> events);

  /**
   * Called with every durably stored event, own or replicated, in store order — and at start
   * with every {@link #GRANT_SEMANTICS} event already stored, since which grants count (see
   * {@code GrantBook}) is computed from all grants seen, not kept on disk.
   */
  void observe(StoredEvent event);

  /**
   * Serves {@code ax.events.keys} ({@code create|grant|rotate|ls}); publishes grant events
   * through {@code publish}, which takes the {@code events} array of a publish request and
   * completes with its reply.
   */
  Future<JsonObject> handle(JsonObject request, Function<JsonArray, Future<JsonObject>> publish);
}
