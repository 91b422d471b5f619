package dev.axnode.events.store;

import dev.axnode.events.model.EventBlock;
import dev.axnode.events.model.StoredEvent;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Reads of one topic's file through its own connection (WAL: reads never wait for the writer). Blocking. */
final class EventReads implements AutoCloseable {

  /** The columns of an event after its node ID (read from {@code sources}, or known to the caller). */
  private static final String FIELDS = "e.off, e.lamport, e.timestamp, e.semantics, e.name, e.key_epoch, e.payload";
  private static final String JOINED = "SELECT s.node, " + FIELDS + " FROM events e";
  private static final String OF_ONE_SOURCE = "SELECT " + FIELDS + " FROM events e";

  private final Connection connection;
  private final SourceIds sourceIds;
  private PreparedStatement blocksFrom;
  private PreparedStatement eventsBetween;

  EventReads(Connection connection) {
    this.connection = connection;
    this.sourceIds = new SourceIds(connection);
  }

  /** Up to {@code query.limit() + 1} events after the query's cursor, in its order: one more tells that a next page exists. */
  List<StoredEvent> page(Query query) throws SQLException {
    return query.order() == Query.Order.SOURCE ? bySource(query) : byLamport(query);
  }

  /**
   * Lamport order walks the Lamport index from the cursor and filters by the bounds; forcing
   * the index keeps each page's cost to its own rows (a bounds-first plan would sort every
   * matching event for every page). The index orders equal Lamport times by source number, so
   * SQLite sorts each such run by node ID (a temporary b-tree for the right part of ORDER BY,
   * as small as the run).
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
      // the first term starts the index walk at the cursor's Lamport time
      where.append(reverse ? " AND e.lamport <= ? AND (e.lamport, s.node, e.off) < (?, ?, ?)"
          : " AND e.lamport >= ? AND (e.lamport, s.node, e.off) > (?, ?, ?)");
      args.add(query.after().lamport());
      args.add(query.after().lamport());
      args.add(query.after().source());
      args.add(query.after().offset());
    }
    String direction = reverse ? " DESC" : "";
    // CROSS JOIN keeps events the outer loop, so the forced index gives the order
    String sql = JOINED + " INDEXED BY events_lamport CROSS JOIN sources s ON s.id = e.source WHERE " + where
        + " ORDER BY e.lamport" + direction + ", s.node" + direction + ", e.off" + direction
        + " LIMIT " + (query.limit() + 1);
    return select(sql, args, null);
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
      long id = sourceIds.find(source);
      if (id < 0) {
        continue;
      }
      long from = query.lowerBound().get(source);
      if (query.after() != null && source.equals(query.after().source())) {
        from = Math.max(from, query.after().offset());
      }
      List<Object> args = new ArrayList<>(List.of(id, from, entry.getValue()));
      StringBuilder where = new StringBuilder("e.source = ? AND e.off > ? AND e.off <= ?");
      tagFilter(query, where, args);
      page.addAll(select(OF_ONE_SOURCE + " WHERE " + where + " ORDER BY e.off LIMIT " + (query.limit() + 1 - page.size()),
          args, source));
      if (page.size() > query.limit()) {
        break;
      }
    }
    return page;
  }

  /** {@code (source = s AND off > lower AND off <= upper) OR …}; empty when no source has anything in range. */
  private String bounds(Query query, List<Object> args) throws SQLException {
    List<String> terms = new ArrayList<>();
    for (Map.Entry<String, Long> entry : query.upperBound().asMap().entrySet()) {
      String source = entry.getKey();
      long lower = query.lowerBound().get(source);
      if (entry.getValue() > lower && (query.source() == null || query.source().equals(source))) {
        long id = sourceIds.find(source);
        if (id < 0) {
          continue;
        }
        // Unary + keeps these terms off the primary key, so the planner takes the forced index.
        terms.add("(+e.source = ? AND +e.off > ? AND +e.off <= ?)");
        args.add(id);
        args.add(lower);
        args.add(entry.getValue());
      }
    }
    return terms.isEmpty() ? "" : "(" + String.join(" OR ", terms) + ")";
  }

  private static void tagFilter(Query query, StringBuilder where, List<Object> args) {
    if (query.semantics() != null) {
      where.append(" AND e.semantics = ?");
      args.add(query.semantics());
    }
    if (query.name() != null) {
      where.append(" AND e.name = ?");
      args.add(query.name());
    }
  }

  /**
   * Whole blocks of {@code source} from the one holding {@code from}, within the budgets (at
   * least one block): the blocks' ranges first, then their events in one walk along the key.
   */
  List<EventBlock> blocks(String source, long from, int maxEvents, int maxBytes) throws SQLException {
    long id = sourceIds.find(source);
    if (id < 0) {
      return List.of();
    }
    List<long[]> ranges = new ArrayList<>();
    List<byte[]> signatures = new ArrayList<>();
    if (blocksFrom == null) {
      // Starts at the block holding `from`, found by one step down the key: `last >= ?` alone
      // walked every earlier block of the source, and a live pull near the end paid for all of them.
      blocksFrom = connection.prepareStatement("SELECT first, last, signature FROM blocks WHERE source = ?"
          + " AND first >= IFNULL((SELECT first FROM blocks WHERE source = ? AND first <= ? ORDER BY first DESC LIMIT 1), 0)"
          + " AND last >= ? ORDER BY first");
      eventsBetween = connection.prepareStatement(OF_ONE_SOURCE + " WHERE e.source = ? AND e.off >= ? AND e.off <= ?"
          + " ORDER BY e.off");
    }
    blocksFrom.setLong(1, id);
    blocksFrom.setLong(2, id);
    blocksFrom.setLong(3, from);
    blocksFrom.setLong(4, from);
    long events = 0;
    try (ResultSet rows = blocksFrom.executeQuery()) {
      while (rows.next()) {
        long first = rows.getLong(1);
        long last = rows.getLong(2);
        if (!ranges.isEmpty() && events + (last - first + 1) > maxEvents) {
          break;
        }
        ranges.add(new long[] {first, last});
        signatures.add(rows.getBytes(3));
        events += last - first + 1;
      }
    }
    if (ranges.isEmpty()) {
      return List.of();
    }
    return cutIntoBlocks(source, id, ranges, signatures, maxBytes);
  }

  /** The events of {@code ranges}, block by block, until a block would pass {@code maxBytes} of payload. */
  private List<EventBlock> cutIntoBlocks(String source, long id, List<long[]> ranges, List<byte[]> signatures,
                                         int maxBytes) throws SQLException {
    List<EventBlock> blocks = new ArrayList<>();
    eventsBetween.setLong(1, id);
    eventsBetween.setLong(2, ranges.get(0)[0]);
    eventsBetween.setLong(3, ranges.get(ranges.size() - 1)[1]);
    long bytes = 0;
    Rows reader = new Rows();
    try (ResultSet rows = eventsBetween.executeQuery()) {
      for (int b = 0; b < ranges.size(); b++) {
        long first = ranges.get(b)[0];
        long last = ranges.get(b)[1];
        List<StoredEvent> content = new ArrayList<>((int) (last - first + 1));
        long size = 0;
        while (content.size() < last - first + 1 && rows.next()) {
          StoredEvent e = reader.event(rows, source, 1);
          content.add(e);
          size += e.payload().length;
        }
        if (!blocks.isEmpty() && bytes + size > maxBytes) {
          break;
        }
        blocks.add(new EventBlock(source, first, last, signatures.get(b), content));
        bytes += size;
      }
    }
    return blocks;
  }

  /** Runs {@code sql}; {@code source} is every row's node ID, or null when the first column holds it. */
  private List<StoredEvent> select(String sql, List<Object> args, String source) throws SQLException {
    List<StoredEvent> events = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.size(); i++) {
        select.setObject(i + 1, args.get(i));
      }
      try (ResultSet rows = select.executeQuery()) {
        Rows reader = new Rows();
        while (rows.next()) {
          events.add(source == null ? reader.event(rows, rows.getString(1), 2) : reader.event(rows, source, 1));
        }
      }
    }
    return events;
  }

  /**
   * Turns rows into events. Consecutive rows mostly share their semantics and name, so each
   * is decoded from UTF-8 once and its String reused while the bytes repeat: decoding both
   * tags of every row was a third of the time of serving a WANT.
   */
  private static final class Rows {
    private final Tag semantics = new Tag();
    private final Tag name = new Tag();

    /** The event in the columns of {@link #FIELDS} from {@code column} on. */
    StoredEvent event(ResultSet rows, String source, int column) throws SQLException {
      return new StoredEvent(source, rows.getLong(column), rows.getLong(column + 1), rows.getLong(column + 2),
          semantics.read(rows, column + 3), name.read(rows, column + 4), rows.getInt(column + 5),
          rows.getBytes(column + 6));
    }
  }

  /** One text column, the last value read kept with its bytes. */
  private static final class Tag {
    private byte[] bytes;
    private String text;

    String read(ResultSet rows, int column) throws SQLException {
      byte[] read = rows.getBytes(column);
      if (read == null) {
        return rows.getString(column);
      }
      if (!Arrays.equals(read, bytes)) {
        bytes = read;
        text = new String(read, StandardCharsets.UTF_8);
      }
      return text;
    }
  }

  /**
   * Every event of the node's own {@code semantics} (beginning {@code ax.}: the key grants a
   * starting node replays) in (source, offset) order, through the partial index of those families.
   */
  List<StoredEvent> ofSemantics(String semantics) throws SQLException {
    if (!semantics.startsWith("ax.")) {
      throw new IllegalArgumentException("only the node's own families are indexed for this: " + semantics);
    }
    return select(JOINED + " JOIN sources s ON s.id = e.source WHERE " + Schema.RESERVED + " AND e.semantics = ?"
        + " ORDER BY s.node, e.off", List.of(semantics), null);
  }

  @Override
  public void close() throws SQLException {
    try (connection; sourceIds) {
      if (blocksFrom != null) {
        blocksFrom.close();
        eventsBetween.close();
      }
    }
  }
}
