package dev.axnode.events.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The tables of one topic's SQLite file (schema version 2, in {@code meta}):
 *
 * <ul>
 *   <li>{@code sources}: each node ID once, numbered; the other tables name a source by that
 *   number, so no index repeats the 52-character ID.</li>
 *   <li>{@code events}: keyed by (source, offset) — {@code off}, as OFFSET is an SQL keyword —
 *   in a WITHOUT ROWID table, so the key is the table and an event costs two b-tree inserts:
 *   the table and {@code events_lamport}. The Lamport index holds (lamport, source, off);
 *   queries in Lamport order sort the rare events of equal Lamport time by node ID.
 *   {@code events_reserved} indexes only the node's own {@code ax.} families (key grants,
 *   replayed at start).</li>
 *   <li>{@code blocks}: each signed block's range and signature, so a block is replicated as
 *   its source signed it; the highest offset per source is read from it (one row per block).</li>
 * </ul>
 *
 * <p>A file of version 1 (source IDs as text in every row, and a (semantics, name, lamport)
 * index no query used) is rewritten to version 2 when it opens, in one transaction.
 */
final class Schema {

  static final int VERSION = 2;
  /** The partial index's condition; a query must repeat it word for word for SQLite to use the index. */
  static final String RESERVED = "semantics >= 'ax.' AND semantics < 'ax/'";

  private static final String[] TABLES = {
      "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
      "CREATE TABLE IF NOT EXISTS sources (id INTEGER PRIMARY KEY, node TEXT NOT NULL UNIQUE)",
      "CREATE TABLE IF NOT EXISTS events (source INTEGER NOT NULL, off INTEGER NOT NULL, lamport INTEGER NOT NULL,"
          + " timestamp INTEGER NOT NULL, semantics TEXT NOT NULL, name TEXT NOT NULL, key_epoch INTEGER NOT NULL,"
          + " payload BLOB NOT NULL, PRIMARY KEY (source, off)) WITHOUT ROWID",
      "CREATE TABLE IF NOT EXISTS blocks (source INTEGER NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL,"
          + " signature BLOB NOT NULL, PRIMARY KEY (source, first)) WITHOUT ROWID",
  };
  private static final String[] INDEXES = {
      "CREATE INDEX IF NOT EXISTS events_lamport ON events (lamport)",
      "CREATE INDEX IF NOT EXISTS events_reserved ON events (semantics) WHERE " + RESERVED,
  };
  /** Version 1 to 2: number the sources, copy every row with its number, drop the old tables. */
  private static final String[] MIGRATION_1_TO_2 = {
      "ALTER TABLE events RENAME TO events_v1",
      "ALTER TABLE blocks RENAME TO blocks_v1",
      "DROP INDEX IF EXISTS events_lamport",
      "DROP INDEX IF EXISTS events_tags",
      TABLES[1], TABLES[2], TABLES[3],
      "INSERT INTO sources (node) SELECT source FROM blocks_v1 UNION SELECT source FROM events_v1 ORDER BY 1",
      "INSERT INTO events SELECT s.id, e.off, e.lamport, e.timestamp, e.semantics, e.name, e.key_epoch, e.payload"
          + " FROM events_v1 e JOIN sources s ON s.node = e.source",
      "INSERT INTO blocks SELECT s.id, b.first, b.last, b.signature FROM blocks_v1 b JOIN sources s ON s.node = b.source",
      "DROP TABLE events_v1",
      "DROP TABLE blocks_v1",
  };

  private Schema() {
  }

  /** Creates what is missing, brings a version 1 file to version 2 and checks that the file belongs to {@code topic}. */
  static void apply(Connection connection, String topic) throws SQLException {
    EventDb.inTransaction(connection, "BEGIN IMMEDIATE", () -> {
      execute(connection, TABLES[0]);
      checkTopic(connection, topic);
      String version = meta(connection, "schema");
      if (version == null && exists(connection, "events")) {
        execute(connection, MIGRATION_1_TO_2);
      } else if (version != null && Integer.parseInt(version) > VERSION) {
        throw new SQLException("the event file has schema version " + version + ", newer than this node's " + VERSION);
      }
      execute(connection, TABLES);
      execute(connection, INDEXES);
      setMeta(connection, "schema", Integer.toString(VERSION));
      return null;
    });
  }

  private static void checkTopic(Connection connection, String topic) throws SQLException {
    String stored = meta(connection, "topic");
    if (stored == null) {
      setMeta(connection, "topic", topic);
    } else if (!stored.equals(topic)) {
      throw new SQLException("the event file holds topic \"" + stored + "\", not \"" + topic + "\"");
    }
  }

  private static void execute(Connection connection, String... statements) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  private static boolean exists(Connection connection, String table) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?")) {
      select.setString(1, table);
      try (ResultSet row = select.executeQuery()) {
        return row.next();
      }
    }
  }

  private static String meta(Connection connection, String key) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
      select.setString(1, key);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? row.getString(1) : null;
      }
    }
  }

  private static void setMeta(Connection connection, String key, String value) throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
      upsert.setString(1, key);
      upsert.setString(2, value);
      upsert.executeUpdate();
    }
  }
}
