package dev.axnode.events.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The tables of one topic's SQLite file. Events are keyed by (source, offset) — the column is
 * {@code off} because OFFSET is an SQL keyword — with indexes for Lamport order and for the
 * semantics/name filter; {@code blocks} holds each signed block's range and signature, so a
 * block can be replicated as its source signed it, and the highest offset per source is read
 * from it (one row per block, not per event) when the store opens.
 */
final class Schema {

  private static final String[] STATEMENTS = {
      "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
      "CREATE TABLE IF NOT EXISTS events (source TEXT NOT NULL, off INTEGER NOT NULL, lamport INTEGER NOT NULL,"
          + " timestamp INTEGER NOT NULL, semantics TEXT NOT NULL, name TEXT NOT NULL, key_epoch INTEGER NOT NULL,"
          + " payload BLOB NOT NULL, PRIMARY KEY (source, off))",
      "CREATE INDEX IF NOT EXISTS events_lamport ON events (lamport, source, off)",
      "CREATE INDEX IF NOT EXISTS events_tags ON events (semantics, name, lamport)",
      "CREATE TABLE IF NOT EXISTS blocks (source TEXT NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL,"
          + " signature BLOB NOT NULL, PRIMARY KEY (source, first)) WITHOUT ROWID",
  };

  private Schema() {
  }

  /** Creates what is missing and checks that the file belongs to {@code topic}. */
  static void apply(Connection connection, String topic) throws SQLException {
    EventDb.inTransaction(connection, "BEGIN IMMEDIATE", () -> {
      create(connection, topic);
      return null;
    });
  }

  private static void create(Connection connection, String topic) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : STATEMENTS) {
        statement.execute(sql);
      }
    }
    String stored = null;
    try (PreparedStatement select = connection.prepareStatement("SELECT value FROM meta WHERE key = 'topic'");
         ResultSet row = select.executeQuery()) {
      if (row.next()) {
        stored = row.getString(1);
      }
    }
    if (stored == null) {
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO meta (key, value) VALUES ('topic', ?)")) {
        insert.setString(1, topic);
        insert.executeUpdate();
      }
    } else if (!stored.equals(topic)) {
      throw new SQLException("the event file holds topic \"" + stored + "\", not \"" + topic + "\"");
    }
  }
}
