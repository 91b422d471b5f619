package dev.axnode.adminapi;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.message.JsonValue;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Streams the answer of {@code events.query} or {@code events.subscribe} to a client, one
 * page of {@link #PAGE} events at a time from {@code ax.events.query}, never more than one
 * page ahead of what the client's connection takes: the next page is asked only once the
 * {@link Sink} has room (HTTP write queue, yamux stream window).
 *
 * <pre>
 *   query:      page ─▶ sink ─(room)─▶ page(after: next) ─▶ … ─▶ next null ─▶ end
 *   subscribe:  offsets ─▶ pages of (lower, present] ─▶ caught up ─▶ wait for ax.events.appended
 *               ─▶ lower := present; offsets ─▶ pages … (an appended while paging: one more round)
 * </pre>
 *
 * A subscription round asks the node's offsets first and pages up to them, so consecutive
 * rounds cover (lowerBound, present] without a gap and without an event twice. Confined to
 * the event loop that created it.
 */
final class EventPager {

  /** Events per page: a page is written whole, so it bounds what waits in a slow client's queue. */
  static final int PAGE = 100;
  static final long QUERY_TIMEOUT_MS = 10_000;

  /** Where the events go: an HTTP response (NDJSON) or a 4458 stream (frames). */
  interface Sink {
    void event(JsonObject event);

    /** Whether the client is behind: no further page is asked until {@link #onRoom}. */
    boolean full();

    /** Runs {@code task} once when the sink has room again. */
    void onRoom(Runnable task);

    /** A subscription is live: new events from here on will be delivered. */
    default void live() {
    }

    /** The query is complete (never for a subscription). */
    void end();

    void fail(AxException error);
  }

  private final Vertx vertx;
  private final EventQuery query;
  private final boolean subscribe;
  private final Sink sink;
  private MessageConsumer<Object> appended;
  private JsonObject lower;
  private JsonObject upper;
  private Object cursor;
  private boolean paging;
  private boolean moreAppended;
  private boolean stopped;

  EventPager(Vertx vertx, EventQuery query, boolean subscribe, Sink sink) {
    this.vertx = vertx;
    this.query = query;
    this.subscribe = subscribe;
    this.sink = sink;
    this.lower = query.lowerBound();
    this.upper = query.upperBound();
  }

  void start() {
    if (!subscribe) {
      paging = true;
      fetch();
      return;
    }
    appended = vertx.eventBus().consumer(Addresses.EVENTS_APPENDED, m -> appended());
    appended.completion().onComplete(ar -> {
      if (stopped) {
        return;
      }
      if (ar.failed()) {
        fail(ar.cause());
        return;
      }
      sink.live();
      round();
    });
  }

  boolean subscription() {
    return subscribe;
  }

  /** The client is gone or asked to stop: no more requests, no more writes. */
  void stop() {
    stopped = true;
    if (appended != null) {
      appended.unregister();
      appended = null;
    }
  }

  private void appended() {
    if (paging) {
      moreAppended = true; // this round's offsets may predate the new events: one more round after it
    } else if (!stopped) {
      paging = true; // a client that reads nothing gets no new round until it has room
      whenRoom(this::round);
    }
  }

  /** One subscription round: the node's offsets now are its upper bound. */
  private void round() {
    paging = true;
    moreAppended = false;
    BusRequests.<Object>request(vertx, Addresses.EVENTS_OFFSETS, new JsonObject(), QUERY_TIMEOUT_MS)
        .map(EventPager::json)
        .onSuccess(offsets -> {
          if (!stopped) {
            upper = offsets instanceof JsonObject o ? o.getJsonObject("present", new JsonObject()) : new JsonObject();
            cursor = null;
            fetch();
          }
        })
        .onFailure(this::fail);
  }

  private void fetch() {
    BusRequests.<Object>request(vertx, Addresses.EVENTS_QUERY, query.page(lower, upper, cursor, PAGE),
            QUERY_TIMEOUT_MS)
        .map(EventPager::json)
        .onSuccess(this::page)
        .onFailure(this::fail);
  }

  private void page(Object reply) {
    if (stopped) {
      return;
    }
    if (!(reply instanceof JsonObject page) || !(page.getValue("events") instanceof JsonArray events)) {
      fail(new AxException(ErrorCode.INTERNAL_ERROR, "The events verticle answered a query with no events list"));
      return;
    }
    for (Object event : events) {
      sink.event((JsonObject) event);
    }
    cursor = page.getValue("next");
    if (cursor != null) {
      whenRoom(this::fetch);
    } else if (!subscribe) {
      stopped = true;
      sink.end();
    } else {
      lower = merge(lower, upper);
      if (moreAppended) {
        whenRoom(this::round); // still paging: appends meanwhile only mark another round
      } else {
        paging = false;
      }
    }
  }

  private void whenRoom(Runnable task) {
    Runnable guarded = () -> {
      if (!stopped) {
        task.run();
      }
    };
    if (sink.full()) {
      sink.onRoom(guarded);
    } else {
      guarded.run();
    }
  }

  private void fail(Throwable failure) {
    if (!stopped) {
      stop();
      sink.fail(AxException.from(failure));
    }
  }

  /** The per-source maximum of two offset maps: a round never goes back behind the first lower bound. */
  static JsonObject merge(JsonObject a, JsonObject b) {
    JsonObject merged = a.copy();
    b.forEach(entry -> {
      long offset = ((Number) entry.getValue()).longValue();
      Object before = merged.getValue(entry.getKey());
      if (!(before instanceof Number n) || n.longValue() < offset) {
        merged.put(entry.getKey(), offset);
      }
    });
    return merged;
  }

  /** A bus reply as JSON: the events verticle answers JSON objects; a JsonValue wrapper is unwrapped. */
  static Object json(Object body) {
    return body instanceof JsonValue value ? value.value() : body;
  }
}
