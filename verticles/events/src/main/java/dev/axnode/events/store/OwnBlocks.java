package dev.axnode.events.store;

import dev.axnode.events.keys.PayloadKeys;
import dev.axnode.events.model.EventBlock;
import dev.axnode.events.model.EventEncoding;
import dev.axnode.events.model.StoredEvent;
import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.message.SignRequest;
import dev.axnode.kernel.message.Signature;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes a group's own new events ready to write ({@link GroupCommit}'s preparation stage):
 * gives them their offsets, Lamport times and one timestamp, seals the payloads of encrypted
 * families in the keystore, cuts the events into blocks and has the keystore sign each
 * block's digest. Runs on the events verticle's context; a large group's digests go to a worker.
 */
final class OwnBlocks {

  /** Bytes of a group's events digested on the event loop: less than this costs less than a hop to a worker. */
  private static final long INLINE_DIGEST_BYTES = 64 * 1024;

  private final Vertx vertx;
  private final String source;
  private final PayloadKeys keys;

  OwnBlocks(Vertx vertx, String source, PayloadKeys keys) {
    this.vertx = vertx;
    this.source = source;
    this.keys = keys;
  }

  /** Each request's events as stored (in request order) and the signed blocks that hold them all. */
  record Prepared(List<List<StoredEvent>> events, List<EventBlock> blocks) {
  }

  /**
   * The events of {@code requests} at offsets from {@code firstOffset} and Lamport times after
   * {@code lamport}, in order, sealed where their family is encrypted, in signed blocks.
   */
  Future<Prepared> prepare(List<List<NewEvent>> requests, long firstOffset, long lamport) {
    // Started through compose, so that an exception thrown on the way fails the future, not the caller.
    return Future.<Void>succeededFuture().map(v -> assign(requests, firstOffset, lamport))
        .compose(assigned -> seal(assigned)
            .compose(v -> digestsOf(assigned))
            .compose(this::sign)
            .map(blocks -> new Prepared(assigned, blocks)));
  }

  private List<List<StoredEvent>> assign(List<List<NewEvent>> requests, long firstOffset, long lamport) {
    Instant now = Instant.now();
    long timestamp = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    long offset = firstOffset;
    long time = lamport;
    List<List<StoredEvent>> assigned = new ArrayList<>(requests.size());
    Map<String, Integer> epochs = new HashMap<>();
    for (List<NewEvent> request : requests) {
      List<StoredEvent> events = new ArrayList<>(request.size());
      for (NewEvent e : request) {
        int epoch = epochs.computeIfAbsent(e.semantics(), s -> keys.encrypted(s) ? keys.latestEpoch(s) : 0);
        events.add(new StoredEvent(source, offset++, ++time, timestamp, e.semantics(), e.name(), epoch, e.payload()));
      }
      assigned.add(events);
    }
    return assigned;
  }

  /** Replaces, in place, the payloads of encrypted families by their sealed form: one keystore request per family and epoch. */
  private Future<Void> seal(List<List<StoredEvent>> lists) {
    Map<String, List<int[]>> positions = new LinkedHashMap<>();
    for (int l = 0; l < lists.size(); l++) {
      for (int i = 0; i < lists.get(l).size(); i++) {
        StoredEvent e = lists.get(l).get(i);
        if (e.encrypted()) {
          positions.computeIfAbsent(e.semantics() + "\u0000" + e.keyEpoch(), k -> new ArrayList<>()).add(new int[] {l, i});
        }
      }
    }
    List<Future<Void>> sealed = new ArrayList<>();
    for (List<int[]> family : positions.values()) {
      List<StoredEvent> events = family.stream().map(p -> lists.get(p[0]).get(p[1])).toList();
      StoredEvent any = events.get(0);
      sealed.add(keys.seal(any.semantics(), any.keyEpoch(), events.stream().map(EventEncoding::header).toList(),
          events.stream().map(StoredEvent::payload).toList()).map(payloads -> {
            for (int k = 0; k < family.size(); k++) {
              StoredEvent e = events.get(k);
              lists.get(family.get(k)[0]).set(family.get(k)[1], new StoredEvent(e.source(), e.offset(), e.lamport(),
                  e.timestamp(), e.semantics(), e.name(), e.keyEpoch(), payloads.get(k)));
            }
            return null;
          }));
    }
    return Future.all(sealed).mapEmpty();
  }

  /** The blocks of the events and their digests: on the event loop when that is cheaper than a hop. */
  private Future<List<Unsigned>> digestsOf(List<List<StoredEvent>> assigned) {
    List<StoredEvent> all = new ArrayList<>();
    assigned.forEach(all::addAll);
    long bytes = 0;
    for (StoredEvent e : all) {
      bytes += e.payload().length;
    }
    if (bytes < INLINE_DIGEST_BYTES) {
      return Future.succeededFuture(digests(all));
    }
    return vertx.executeBlocking(() -> digests(all), false);
  }

  private List<Unsigned> digests(List<StoredEvent> all) {
    return Blocks.cut(all).stream().map(events -> new Unsigned(events, EventEncoding.blockDigest(source, events)))
        .toList();
  }

  private Future<List<EventBlock>> sign(List<Unsigned> unsigned) {
    List<Future<EventBlock>> signed = unsigned.stream().map(u -> BusRequests.<Signature>request(vertx,
            Addresses.KEYSTORE_SIGN, SignRequest.eventBlock(u.digest))
        .map(s -> new EventBlock(source, u.events.get(0).offset(), u.events.get(u.events.size() - 1).offset(),
            s.bytes(), u.events))).toList();
    return Future.all(signed).map(all -> all.<EventBlock>list());
  }

  private record Unsigned(List<StoredEvent> events, byte[] digest) {
  }
}
