package dev.axnode.events.store;

import dev.axnode.events.model.EventBlock;
import dev.axnode.events.model.StoredEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads of one topic's file through its own connection (WAL: reads never wait for the writer). Blocking. */
final class EventReads implements AutoCloseable {

  private static final String COLUMNS = "SELECT source, off, lamport, timestamp, semantics, name, key_epoch, payload FROM events";

  private final Connection connection;

  EventReads(Connection connection) {
    this.connection = connection;
  }

  /** Up to {@code query.limit() + 1} events after the query's cursor, in its order: one more tells that a next page exists. */
  List<StoredEvent> page(Query query) throws SQLException {
    return query.order() == Query.Order.SOURCE ? bySource(query) : byLamport(query);
  }

  /**
   * Lamport order walks the (lamport, source, off) index from the cursor and filters by the
   * bounds; forcing the index keeps each page's cost to its own rows (a bounds-first plan
   * would sort every matching event for every page).
   */
  private List<StoredEvent> byLamport(Query query) throws SQLException {
    List<Object> args = new ArrayList<>();
    StringBuilder where = new StringBuilder(bounds(query, args));
    if (where.isEmpty()) {
      return List.of();
    }
    boolean reverse = query.order() == Query.Order.REVERSE;
    tagFilter(query, where, args);
    if (query.after() != null) {
      where.append(reverse ? " AND (lamport, source, off) < (?, ?, ?)" : " AND (lamport, source, off) > (?, ?, ?)");
      args.add(query.after().lamport());
      args.add(query.after().source());
      args.add(query.after().offset());
    }
    String direction = reverse ? " DESC" : "";
    String sql = COLUMNS + " INDEXED BY events_lamport WHERE " + where + " ORDER BY lamport" + direction
        + ", source" + direction + ", off" + direction + " LIMIT " + (query.limit() + 1);
    return select(sql, args);
  }

  /** Source order reads one source after the other along the primary key. */
  private List<StoredEvent> bySource(Query query) throws SQLException {
    List<StoredEvent> page = new ArrayList<>();
    for (Map.Entry<String, Long> entry : query.upperBound().asMap().entrySet()) {
      String source = entry.getKey();
      if (query.source() != null && !query.source().equals(source)
          || query.after() != null && source.compareTo(query.after().source()) < 0) {
        continue;
      }
      long from = query.lowerBound().get(source);
      if (query.after() != null && source.equals(query.after().source())) {
        from = Math.max(from, query.after().offset());
      }
      List<Object> args = new ArrayList<>(List.of(source, from, entry.getValue()));
      StringBuilder where = new StringBuilder("source = ? AND off > ? AND off <= ?");
      tagFilter(query, where, args);
      page.addAll(select(COLUMNS + " WHERE " + where + " ORDER BY off LIMIT " + (query.limit() + 1 - page.size()), args));
      if (page.size() > query.limit()) {
        break;
      }
    }
    return page;
  }

  /** {@code (source = s AND off > lower AND off <= upper) OR …}; empty when no source has anything in range. */
  private static String bounds(Query query, List<Object> args) {
    List<String> terms = new ArrayList<>();
    for (Map.Entry<String, Long> entry : query.upperBound().asMap().entrySet()) {
      String source = entry.getKey();
      long lower = query.lowerBound().get(source);
      if (entry.getValue() > lower && (query.source() == null || query.source().equals(source))) {
        // Unary + keeps these terms off the primary key, so the planner takes the forced index.
        terms.add("(+source = ? AND +off > ? AND +off <= ?)");
        args.add(source);
        args.add(lower);
        args.add(entry.getValue());
      }
    }
    return terms.isEmpty() ? "" : "(" + String.join(" OR ", terms) + ")";
  }

  private static void tagFilter(Query query, StringBuilder where, List<Object> args) {
    if (query.semantics() != null) {
      where.append(" AND semantics = ?");
      args.add(query.semantics());
    }
    if (query.name() != null) {
      where.append(" AND name = ?");
      args.add(query.name());
    }
  }

  /** Whole blocks of {@code source} from the one holding {@code from}, within the budgets (at least one block). */
  List<EventBlock> blocks(String source, long from, int maxEvents, int maxBytes) throws SQLException {
    List<EventBlock> blocks = new ArrayList<>();
    long events = 0;
    long bytes = 0;
    try (PreparedStatement select = connection.prepareStatement("SELECT first, last, signature FROM blocks"
        + " WHERE source = ? AND last >= ? ORDER BY first")) {
      select.setString(1, source);
      select.setLong(2, from);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          long first = rows.getLong(1);
          long last = rows.getLong(2);
          byte[] signature = rows.getBytes(3);
          if (!blocks.isEmpty() && events + (last - first + 1) > maxEvents) {
            break;
          }
          List<StoredEvent> content = select(COLUMNS + " WHERE source = ? AND off >= ? AND off <= ? ORDER BY off",
              List.of(source, first, last));
          long size = content.stream().mapToLong(e -> e.payload().length).sum();
          if (!blocks.isEmpty() && bytes + size > maxBytes) {
            break;
          }
          blocks.add(new EventBlock(source, first, last, signature, content));
          events += content.size();
          bytes += size;
        }
      }
    }
    return blocks;
  }

  private List<StoredEvent> select(String sql, List<Object> args) throws SQLException {
    List<StoredEvent> events = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.size(); i++) {
        select.setObject(i + 1, args.get(i));
      }
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          events.add(new StoredEvent(rows.getString(1), rows.getLong(2), rows.getLong(3), rows.getLong(4),
              rows.getString(5), rows.getString(6), rows.getInt(7), rows.getBytes(8)));
        }
      }
    }
    return events;
  }

  /** Every event of {@code semantics}, in (source, offset) order: the key grants a starting node replays. */
  List<StoredEvent> ofSemantics(String semantics) throws SQLException {
    return select(COLUMNS + " WHERE semantics = ? ORDER BY source, off", List.of(semantics));
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
