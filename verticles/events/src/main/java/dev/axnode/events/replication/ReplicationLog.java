package dev.axnode.events.replication;

import dev.axnode.events.model.EventBlock;
import dev.axnode.events.model.OffsetMap;
import io.vertx.core.Future;
import io.vertx.core.Handler;

import java.util.List;

/**
 * What replication needs from the store, implemented by the events verticle's store. Every
 * method is called on the events verticle's context and completes there; database work runs
 * on worker threads behind it.
 */
public interface ReplicationLog {

  /** The topic of the log: peers on another topic exchange nothing. */
  String topic();

  /** What the log holds now: for each source, its highest offset. */
  OffsetMap present();

  /**
   * Whole blocks of {@code source} from the one that holds offset {@code from} on, in order,
   * at most {@code maxEvents} events and {@code maxBytes} payload bytes in all (at least one
   * block when any exists). Empty when nothing from {@code from} is held.
   */
  Future<List<EventBlock>> blocks(String source, long from, int maxEvents, int maxBytes);

  /**
   * Verifies {@code block} (signature by its source, first = the source's next offset, limits)
   * and stores it durably. Fails with ERR_EVENTS_REJECTED, saying why, for a block that does
   * not verify; succeeds without storing for a block already held (a duplicate from another
   * path). {@code peer} names who sent it, for the log.
   */
  Future<Void> append(EventBlock block, String peer);

  /**
   * Calls {@code listener} with every block once durable, own or replicated, in store order,
   * until the returned action is run.
   */
  Runnable onStored(Handler<EventBlock> listener);
}
