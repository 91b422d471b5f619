package dev.axnode.events.replication;

import dev.axnode.events.model.EventBlock;
import dev.axnode.events.model.OffsetMap;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A ReplicationLog in memory that verifies signatures for real (Ed25519, as the store does) and
 * completes every future later on its context, as the store's worker threads would.
 */
final class MemoryLog implements ReplicationLog {

  private final Context context;
  private final String topic;
  private final Map<String, List<EventBlock>> blocks = new HashMap<>();
  private OffsetMap present = OffsetMap.EMPTY;
  private final List<Handler<EventBlock>> listeners = new CopyOnWriteArrayList<>();
  int appended;
  int refused;
  /** Off only to measure the protocol alone: signatures are always checked otherwise. */
  boolean verify = true;

  MemoryLog(Context context, String topic) {
    this.context = context;
    this.topic = topic;
  }

  @Override
  public String topic() {
    return topic;
  }

  @Override
  public OffsetMap present() {
    return present;
  }

  /** Stores own blocks (publish): no verification needed, listeners told. */
  void publish(List<EventBlock> own) {
    own.forEach(this::store);
  }

  @Override
  public Future<List<EventBlock>> blocks(String source, long from, int maxEvents, int maxBytes) {
    List<EventBlock> result = new ArrayList<>();
    int events = 0;
    int bytes = 0;
    for (EventBlock block : blocks.getOrDefault(source, List.of())) {
      if (block.last() < from) {
        continue;
      }
      int size = block.events().stream().mapToInt(e -> e.payload().length).sum();
      if (!result.isEmpty() && (events + block.size() > maxEvents || bytes + size > maxBytes)) {
        break;
      }
      result.add(block);
      events += block.size();
      bytes += size;
    }
    return later(result);
  }

  @Override
  public Future<Void> append(EventBlock block, String peer) {
    if (block.last() <= present.get(block.source())) {
      return later(null);
    }
    if (block.first() != present.next(block.source())) {
      refused++;
      return failLater("block " + block.first() + ".." + block.last() + " does not follow " + present.get(block.source()));
    }
    if (verify && !TestSource.verifies(block)) {
      refused++;
      return failLater("the signature of block " + block.first() + ".." + block.last() + " of " + block.source()
          + " does not verify");
    }
    appended++;
    store(block);
    return later(null);
  }

  private void store(EventBlock block) {
    blocks.computeIfAbsent(block.source(), s -> new ArrayList<>()).add(block);
    present = present.with(block.source(), block.last());
    listeners.forEach(l -> l.handle(block));
  }

  @Override
  public Runnable onStored(Handler<EventBlock> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  private <T> Future<T> later(T value) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> promise.complete(value));
    return promise.future();
  }

  private <T> Future<T> failLater(String why) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> promise.fail(new AxException(ErrorCode.EVENTS_REJECTED, why)));
    return promise.future();
  }
}
