package dev.axnode.events.store;

import dev.axnode.events.model.EventBlock;
import dev.axnode.events.model.OffsetMap;
import dev.axnode.events.model.StoredEvent;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One topic's SQLite file, written through one connection. Blocking: every method runs on the
 * store's single writer thread. WAL with {@code synchronous=FULL}: a commit returns only once
 * the WAL is fsync'ed, so an acknowledged event survives kill -9 and power loss alike, and a
 * transaction is all or nothing, so a crash leaves no gap and no half block.
 */
final class EventDb implements AutoCloseable {

  /** How long a writer waits for another instance's transaction (a swap) before failing. */
  private static final int BUSY_TIMEOUT_MS = 10_000;

  /**
   * The last offset a source's blocks hold. A source's blocks follow each other without gap or
   * overlap, so it is the {@code last} of the block that starts last: one step down the primary
   * key. {@code MAX(last)} read every block of the source, and a publish paid that each time
   * (0.34 ms at 6,600 blocks, growing with the stream).
   */
  private static final String LAST_OF_SOURCE = "SELECT last FROM blocks WHERE source = ? ORDER BY first DESC LIMIT 1";

  private final Path file;
  private final Connection connection;
  private final SourceIds sourceIds;
  /** Prepared once and reused by every commit: preparing them per group cost a parse each time. */
  private PreparedStatement insertEvent;
  private PreparedStatement insertBlock;
  private PreparedStatement selectLast;

  private EventDb(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
    this.sourceIds = new SourceIds(connection);
  }

  /** The file of {@code topic} in {@code dir}: hex of the first 16 bytes of SHA-256(topic), so any topic text is a safe name. */
  static Path fileOf(Path dir, String topic) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(topic.getBytes(StandardCharsets.UTF_8));
      return dir.resolve(HexFormat.of().formatHex(hash, 0, 16) + ".sqlite");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }

  /**
   * Creates the directory of the event files, or narrows an existing one, to its owner only
   * (0700, where the file system has POSIX permissions): the files hold plain payloads, and
   * SQLite creates them and their WAL with the process's umask, 0644 by default.
   */
  static void createDirectory(Path dir) throws IOException {
    Files.createDirectories(dir);
    if (Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class)) {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
  }

  static EventDb open(Path file, String topic) throws SQLException {
    Connection connection = connect(file, false);
    try {
      Schema.apply(connection, topic);
      return new EventDb(file, connection);
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /** A connection for reads only; WAL lets it read while the writer commits. */
  Connection openReader() throws SQLException {
    return connect(file, true);
  }

  private static Connection connect(Path file, boolean readOnly) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.setReadOnly(readOnly);
    // Auto-commit, with explicit transactions in inTransaction: the driver's own transactions
    // begin the next one right after each commit, so an idle writer would hold the write lock
    // and another instance on the file (a swap) could neither open nor write it.
    return DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
  }

  Path file() {
    return file;
  }

  /** What the file holds: the highest offset of each source and the highest Lamport time. */
  StoreState state() throws SQLException {
    return inTransaction("BEGIN", this::readState);
  }

  private StoreState readState() throws SQLException {
    Map<String, Long> present = new HashMap<>();
    long lamport = -1;
    try (PreparedStatement select = connection.prepareStatement("SELECT s.node, (" + LAST_OF_SOURCE.replace("?", "s.id")
        + ") FROM sources s");
         ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        if (rows.getObject(2) != null) {
          present.put(rows.getString(1), rows.getLong(2));
        }
      }
    }
    try (PreparedStatement select = connection.prepareStatement("SELECT MAX(lamport) FROM events");
         ResultSet row = select.executeQuery()) {
      if (row.next() && row.getObject(1) != null) {
        lamport = row.getLong(1);
      }
    }
    return new StoreState(OffsetMap.of(present), lamport);
  }

  /**
   * In one transaction: the node's own {@code ownBlocks} (which must follow {@code ownLast},
   * else {@link StaleStateException}: another instance wrote meanwhile), then each verified
   * candidate that continues its source's stream. Returns one outcome per candidate.
   */
  CommitResult commit(String own, long ownLast, List<EventBlock> ownBlocks, List<Candidate> candidates) throws SQLException {
    // IMMEDIATE takes the write lock at BEGIN, so the offset check below and the inserts see one state.
    return inTransaction("BEGIN IMMEDIATE", () -> {
      sourceIds.begin();
      Map<String, Long> next = new HashMap<>();
      if (!ownBlocks.isEmpty()) {
        long held = lastOf(own);
        if (held != ownLast) {
          throw new StaleStateException(own, ownLast, held);
        }
        next.put(own, ownLast + 1);
      }
      List<EventBlock> stored = new ArrayList<>(ownBlocks);
      List<CommitResult.Outcome> outcomes = new ArrayList<>(candidates.size());
      for (Candidate candidate : candidates) {
        outcomes.add(sequence(candidate, next, stored));
      }
      insert(stored);
      return new CommitResult(stored, outcomes);
    }, sourceIds::rolledBack);
  }

  /** Runs {@code work} in one transaction begun by {@code begin}: committed if it returns, rolled back if it throws. */
  <T> T inTransaction(String begin, Work<T> work) throws SQLException {
    return inTransaction(connection, begin, work);
  }

  static <T> T inTransaction(Connection connection, String begin, Work<T> work) throws SQLException {
    return inTransaction(connection, begin, work, () -> { });
  }

  private <T> T inTransaction(String begin, Work<T> work, Runnable onRollback) throws SQLException {
    return inTransaction(connection, begin, work, onRollback);
  }

  private static <T> T inTransaction(Connection connection, String begin, Work<T> work, Runnable onRollback)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(begin);
      try {
        T result = work.run();
        statement.execute("COMMIT");
        return result;
      } catch (SQLException | RuntimeException e) {
        // Also after a failed COMMIT, which may leave the transaction open (SQLite ends it on some errors only).
        try {
          statement.execute("ROLLBACK");
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        onRollback.run();
        throw e;
      }
    }
  }

  /** Database work that may fail. */
  interface Work<T> {
    T run() throws SQLException;
  }

  private CommitResult.Outcome sequence(Candidate candidate, Map<String, Long> next, List<EventBlock> stored)
      throws SQLException {
    if (candidate.refusal() != null) {
      return CommitResult.Outcome.refused(candidate.refusal());
    }
    EventBlock block = candidate.block();
    Long expected = next.get(block.source());
    if (expected == null) {
      expected = lastOf(block.source()) + 1;
    }
    if (block.last() < expected) {
      return CommitResult.Outcome.DUPLICATE;
    }
    if (block.first() != expected) {
      return CommitResult.Outcome.refused("gap: the next offset of " + block.source() + " is " + expected
          + ", the block holds " + block.first() + ".." + block.last());
    }
    next.put(block.source(), block.last() + 1);
    stored.add(block);
    return CommitResult.Outcome.STORED;
  }

  private long lastOf(String source) throws SQLException {
    long id = sourceIds.find(source);
    if (id < 0) {
      return -1;
    }
    if (selectLast == null) {
      selectLast = connection.prepareStatement(LAST_OF_SOURCE);
    }
    selectLast.setLong(1, id);
    try (ResultSet row = selectLast.executeQuery()) {
      return row.next() && row.getObject(1) != null ? row.getLong(1) : -1;
    }
  }

  private void insert(List<EventBlock> blocks) throws SQLException {
    if (insertEvent == null) {
      insertEvent = connection.prepareStatement("INSERT INTO events (source, off, lamport, timestamp,"
          + " semantics, name, key_epoch, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
      insertBlock = connection.prepareStatement("INSERT INTO blocks (source, first, last, signature) VALUES (?, ?, ?, ?)");
    }
    PreparedStatement events = insertEvent;
    PreparedStatement signed = insertBlock;
    try {
      for (EventBlock block : blocks) {
        long source = sourceIds.idOf(block.source());
        for (StoredEvent e : block.events()) {
          events.setLong(1, source);
          events.setLong(2, e.offset());
          events.setLong(3, e.lamport());
          events.setLong(4, e.timestamp());
          events.setString(5, e.semantics());
          events.setString(6, e.name());
          events.setInt(7, e.keyEpoch());
          events.setBytes(8, e.payload());
          events.addBatch();
        }
        signed.setLong(1, source);
        signed.setLong(2, block.first());
        signed.setLong(3, block.last());
        signed.setBytes(4, block.signature());
        signed.addBatch();
      }
      events.executeBatch();
      signed.executeBatch();
    } finally {
      events.clearBatch();
      signed.clearBatch();
    }
  }

  @Override
  public void close() throws SQLException {
    try (connection; sourceIds) {
      for (PreparedStatement statement : new PreparedStatement[] {insertEvent, insertBlock, selectLast}) {
        if (statement != null) {
          statement.close();
        }
      }
    }
  }

  /** A replicated block, and why it was refused before sequencing (null: it verified). */
  record Candidate(EventBlock block, String refusal) {
  }
}
