package dev.axnode.events.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbers of the {@code sources} table, remembered: a swarm has few sources and every
 * block names one. A number, once committed, never changes, so what was read stays true; a
 * number this connection added is forgotten again if its transaction rolls back. Used on one
 * connection's thread only.
 */
final class SourceIds implements AutoCloseable {

  private final Connection connection;
  private final Map<String, Long> known = new HashMap<>();
  private final List<String> addedInTransaction = new ArrayList<>();
  private PreparedStatement select;
  private PreparedStatement insert;

  SourceIds(Connection connection) {
    this.connection = connection;
  }

  /** The number of {@code node}, or -1 when the file holds nothing of it. */
  long find(String node) throws SQLException {
    Long id = known.get(node);
    if (id != null) {
      return id;
    }
    if (select == null) {
      select = connection.prepareStatement("SELECT id FROM sources WHERE node = ?");
    }
    select.setString(1, node);
    try (ResultSet row = select.executeQuery()) {
      if (!row.next()) {
        return -1;
      }
      known.put(node, row.getLong(1));
      return row.getLong(1);
    }
  }

  /** The number of {@code node}, added in the current write transaction when it has none yet. */
  long idOf(String node) throws SQLException {
    long id = find(node);
    if (id >= 0) {
      return id;
    }
    if (insert == null) {
      insert = connection.prepareStatement("INSERT INTO sources (node) VALUES (?)", Statement.RETURN_GENERATED_KEYS);
    }
    insert.setString(1, node);
    insert.executeUpdate();
    try (ResultSet key = insert.getGeneratedKeys()) {
      key.next();
      id = key.getLong(1);
    }
    known.put(node, id);
    addedInTransaction.add(node);
    return id;
  }

  /** A write transaction begins: what it adds is provisional until it commits. */
  void begin() {
    addedInTransaction.clear();
  }

  /** The write transaction rolled back: the numbers it added do not exist. */
  void rolledBack() {
    addedInTransaction.forEach(known::remove);
    addedInTransaction.clear();
  }

  @Override
  public void close() throws SQLException {
    try (PreparedStatement s = select; PreparedStatement i = insert) {
      known.clear();
    }
  }
}
