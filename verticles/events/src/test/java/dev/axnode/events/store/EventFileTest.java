package dev.axnode.events.store;

import dev.axnode.events.model.EventBlock;
import dev.axnode.events.model.OffsetMap;
import dev.axnode.events.model.StoredEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SQLite file itself: sources are numbered in the order they arrive, yet every order a
 * query offers stays the node-ID order it always was, page after page; a file of schema
 * version 1 is rewritten when it opens and serves the same answers.
 */
class EventFileTest {

  /** Sorts after {@link #EARLY}, but is stored first, so it gets the lower number. */
  private static final String LATE = "zz-source";
  private static final String EARLY = "aa-source";
  private static final Comparator<StoredEvent> LAMPORT_ORDER = Comparator.comparingLong(StoredEvent::lamport)
      .thenComparing(StoredEvent::source).thenComparingLong(StoredEvent::offset);

  @TempDir
  Path dir;

  @Test
  void theDirectoryOfTheFilesIsTheOwnersOnlyWhetherNewOrNarrowed() throws Exception {
    Path fresh = dir.resolve("data/events");
    EventDb.createDirectory(fresh);
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));

    Path existing = Files.createDirectory(dir.resolve("old-events"));
    Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxr-xr-x"));
    EventDb.createDirectory(existing);
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(existing)));
  }

  @Test
  void equalLamportTimesAreOrderedByNodeIdNotByArrivalInEveryOrderAndOnEveryPage() throws Exception {
    try (EventDb db = EventDb.open(dir.resolve("t.sqlite"), "topic"); EventReads reads = new EventReads(db.openReader())) {
      List<StoredEvent> all = new ArrayList<>();
      all.addAll(store(db, LATE, 0, 5, "a"));
      all.addAll(store(db, EARLY, 0, 5, "a"));
      all.addAll(store(db, LATE, 5, 3, "b"));
      OffsetMap present = db.state().present();
      assertEquals(OffsetMap.of(Map.of(LATE, 7L, EARLY, 4L)), present);

      List<StoredEvent> forward = all.stream().sorted(LAMPORT_ORDER).toList();
      assertEquals(forward, readAll(reads, present, Query.Order.LAMPORT, null));
      List<StoredEvent> backward = new ArrayList<>(forward);
      Collections.reverse(backward);
      assertEquals(backward, readAll(reads, present, Query.Order.REVERSE, null));
      List<StoredEvent> bySource = all.stream()
          .sorted(Comparator.comparing(StoredEvent::source).thenComparingLong(StoredEvent::offset)).toList();
      assertEquals(bySource, readAll(reads, present, Query.Order.SOURCE, null));
      assertEquals(forward.stream().filter(e -> e.semantics().equals("b")).toList(),
          readAll(reads, present, Query.Order.LAMPORT, "b"));
    }
  }

  @Test
  void aVersion1FileIsRewrittenWhenItOpensAndAnswersAsBefore() throws Exception {
    Path file = dir.resolve("old.sqlite");
    List<StoredEvent> all = new ArrayList<>();
    try (Connection old = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      writeVersion1(old, "topic");
      all.addAll(insertVersion1(old, LATE, 0, 4, "a"));
      all.addAll(insertVersion1(old, EARLY, 0, 3, "ax.keys"));
    }
    try (EventDb db = EventDb.open(file, "topic"); EventReads reads = new EventReads(db.openReader())) {
      OffsetMap present = db.state().present();
      assertEquals(OffsetMap.of(Map.of(LATE, 3L, EARLY, 2L)), present);
      assertEquals(4L, db.state().lamport());
      assertEquals(all.stream().sorted(LAMPORT_ORDER).toList(), readAll(reads, present, Query.Order.LAMPORT, null));
      assertEquals(all.stream().filter(e -> e.source().equals(EARLY)).toList(), reads.ofSemantics("ax.keys"));
      List<EventBlock> blocks = reads.blocks(LATE, 0, 100, 1 << 20);
      assertEquals(1, blocks.size());
      assertEquals(all.subList(0, 4), blocks.get(0).events());
      assertEquals(64, blocks.get(0).signature().length);
      // the rewritten file goes on: the next block of a migrated source follows its offsets
      store(db, LATE, 4, 2, "a");
      assertEquals(5L, db.state().present().get(LATE));
    }
    try (Connection check = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      assertEquals("2", single(check, "SELECT value FROM meta WHERE key = 'schema'"));
      assertEquals("blocks events events_lamport events_reserved meta sources",
          single(check, "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_schema"
              + " WHERE name NOT LIKE 'sqlite_%' ORDER BY name)"));
    }
  }

  @Test
  void aFileOfANewerSchemaIsNotOpened() throws Exception {
    Path file = dir.resolve("new.sqlite");
    EventDb.open(file, "topic").close();
    try (Connection newer = DriverManager.getConnection("jdbc:sqlite:" + file);
         Statement statement = newer.createStatement()) {
      statement.execute("UPDATE meta SET value = '3' WHERE key = 'schema'");
    }
    SQLException e = assertThrows(SQLException.class, () -> EventDb.open(file, "topic"));
    assertTrue(e.getMessage().contains("schema version 3"), e.getMessage());
  }

  @Test
  void theReservedFamiliesAreReadThroughTheirPartialIndex() throws Exception {
    Path file = dir.resolve("plan.sqlite");
    EventDb.open(file, "topic").close();
    StringBuilder plan = new StringBuilder();
    try (Connection check = DriverManager.getConnection("jdbc:sqlite:" + file);
         Statement statement = check.createStatement();
         ResultSet rows = statement.executeQuery("EXPLAIN QUERY PLAN SELECT 1 FROM events e"
             + " JOIN sources s ON s.id = e.source WHERE " + Schema.RESERVED + " AND e.semantics = 'ax.keys'")) {
      while (rows.next()) {
        plan.append(rows.getString("detail")).append("; ");
      }
    }
    assertTrue(plan.toString().contains("events_reserved"), plan.toString());
  }

  /** Stores {@code count} events of {@code source} from {@code first} (Lamport = offset + 1) as one block. */
  private static List<StoredEvent> store(EventDb db, String source, long first, int count, String semantics)
      throws SQLException {
    List<StoredEvent> events = events(source, first, count, semantics);
    EventBlock block = new EventBlock(source, first, first + count - 1, new byte[64], events);
    CommitResult result = db.commit("me", -1, List.of(), List.of(new EventDb.Candidate(block, null)));
    assertEquals(CommitResult.Kind.STORED, result.outcomes().get(0).kind());
    return events;
  }

  private static List<StoredEvent> events(String source, long first, int count, String semantics) {
    List<StoredEvent> events = new ArrayList<>();
    for (long offset = first; offset < first + count; offset++) {
      // names change every other event, some beyond ASCII: rows reuse a tag's String only while its bytes repeat
      events.add(new StoredEvent(source, offset, offset + 1, 1_000 + offset, semantics, offset % 4 < 2 ? "n" : "ñ-" + offset % 3,
          0, ("{\"o\":" + offset + "}").getBytes(StandardCharsets.UTF_8)));
    }
    return events;
  }

  /** Every event of a query, read in pages of 2 through the cursors. */
  private static List<StoredEvent> readAll(EventReads reads, OffsetMap upper, Query.Order order, String semantics)
      throws SQLException {
    List<StoredEvent> all = new ArrayList<>();
    Query.Key after = null;
    while (true) {
      Query query = new Query(OffsetMap.EMPTY, upper, semantics, null, null, order, 2, after);
      List<StoredEvent> page = reads.page(query);
      all.addAll(page.subList(0, Math.min(2, page.size())));
      if (page.size() <= 2) {
        return all;
      }
      StoredEvent last = page.get(1);
      after = new Query.Key(last.lamport(), last.source(), last.offset());
    }
  }

  /** The tables of schema version 1, as the first release of the store made them. */
  private static void writeVersion1(Connection old, String topic) throws SQLException {
    try (Statement statement = old.createStatement()) {
      statement.execute("PRAGMA journal_mode=WAL");
      statement.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
      statement.execute("CREATE TABLE events (source TEXT NOT NULL, off INTEGER NOT NULL, lamport INTEGER NOT NULL,"
          + " timestamp INTEGER NOT NULL, semantics TEXT NOT NULL, name TEXT NOT NULL, key_epoch INTEGER NOT NULL,"
          + " payload BLOB NOT NULL, PRIMARY KEY (source, off))");
      statement.execute("CREATE INDEX events_lamport ON events (lamport, source, off)");
      statement.execute("CREATE INDEX events_tags ON events (semantics, name, lamport)");
      statement.execute("CREATE TABLE blocks (source TEXT NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL,"
          + " signature BLOB NOT NULL, PRIMARY KEY (source, first)) WITHOUT ROWID");
      statement.execute("INSERT INTO meta (key, value) VALUES ('topic', '" + topic + "')");
    }
  }

  private static List<StoredEvent> insertVersion1(Connection old, String source, long first, int count,
                                                  String semantics) throws SQLException {
    List<StoredEvent> events = events(source, first, count, semantics);
    try (PreparedStatement insert = old.prepareStatement("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (StoredEvent e : events) {
        insert.setString(1, e.source());
        insert.setLong(2, e.offset());
        insert.setLong(3, e.lamport());
        insert.setLong(4, e.timestamp());
        insert.setString(5, e.semantics());
        insert.setString(6, e.name());
        insert.setInt(7, e.keyEpoch());
        insert.setBytes(8, e.payload());
        insert.executeUpdate();
      }
    }
    try (PreparedStatement insert = old.prepareStatement("INSERT INTO blocks VALUES (?, ?, ?, ?)")) {
      insert.setString(1, source);
      insert.setLong(2, first);
      insert.setLong(3, first + count - 1);
      insert.setBytes(4, new byte[64]);
      insert.executeUpdate();
    }
    return events;
  }

  private static String single(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
      return row.next() ? row.getString(1) : null;
    }
  }
}
