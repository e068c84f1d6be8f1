package org.rlaif.workbench.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * The SQLite connections of one project file.
 *
 * <p>SQLite allows one writer at a time, so there is exactly one write connection, behind a lock; every
 * {@link #write} is one transaction that commits or rolls back as a whole. Readers get their own connections
 * (WAL mode lets them read the last committed state while a write is under way), so a long import never blocks
 * the window from paging through pairs.
 */
public final class Database implements AutoCloseable {
    private static final int MAX_READERS = 4;
    private static final int BUSY_TIMEOUT_MS = 10_000;

    private final Path file;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<Connection> idleReaders = new ArrayBlockingQueue<>(MAX_READERS);
    private final List<Connection> allReaders = new ArrayList<>();
    private volatile boolean closed;

    private Database(Path file, Connection writer) {
        this.file = file;
        this.writer = writer;
    }

    /** Opens the project at {@code file}, creating it when it does not exist, and brings its schema up to date. */
    public static Database open(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            throw new StoreException(absolute + ": is a directory, not a project file");
        }
        Path parent = absolute.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new StoreException(absolute + ": folder " + parent + " does not exist");
        }
        try {
            Connection writer = connect(absolute, false);
            Database db = new Database(absolute, writer);
            try {
                Migrations.apply(writer, absolute);
            } catch (RuntimeException | SQLException e) {
                db.close();
                throw e;
            }
            return db;
        } catch (SQLException e) {
            if (isBusy(e)) {
                throw new StoreException(absolute + ": another process is writing to this project without sharing it"
                        + " (an import from the command line); open it again when that has finished", e);
            }
            throw new StoreException(absolute + ": cannot open as a project file (" + describe(e) + ")", e);
        }
    }

    private static Connection connect(Path file, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        // The driver would otherwise prepare and run "SELECT last_insert_rowid()" after every insert; we use
        // RETURNING where we need an id. Measured: a third of bulk-import time.
        config.setGetGeneratedKeys(false);
        config.setCacheSize(-64_000); // 64 MB page cache per connection
        if (readOnly) {
            // WAL mode is a property of the file, set once by the writer; a read-only connection cannot set it.
            config.setReadOnly(true);
        } else {
            config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            // BEGIN IMMEDIATE: a write transaction takes the file's write lock when it starts (waiting out another
            // process's writer under the busy timeout) rather than at its first write, where a transaction that
            // read first fails outright if another process committed meanwhile. Two processes writing one project
            // (the window and a `label` run) then take turns instead of one of them failing.
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        }
        Connection c = config.createConnection("jdbc:sqlite:" + file);
        c.setAutoCommit(true);
        if (!readOnly) {
            try (var st = c.createStatement()) {
                // Pairs are a kilobyte or more of text: 8 KiB pages hold more of them and split less. Page size is
                // fixed once the file has content or is in WAL mode, so this only shapes a new file.
                st.execute("PRAGMA page_size = 8192");
                // WAL + NORMAL: a committed transaction survives the process being killed at any moment; only a
                // power loss can drop the last few commits. See docs/decisions/0002-sqlite-project-file.md.
                st.execute("PRAGMA journal_mode = WAL");
            }
        }
        return c;
    }

    public Path file() {
        return file;
    }

    /**
     * Runs {@code work} in one write transaction: it all commits, or (on any exception) none of it does.
     * Nested calls from inside a write join the outer transaction.
     */
    public <T> T write(SqlWork<T> work) {
        ensureOpen();
        writeLock.lock();
        try {
            return writeLock.getHoldCount() > 1 ? work.apply(writer) : inTransaction(work);
        } catch (SQLException e) {
            throw new StoreException(file + ": " + describe(e), e);
        } finally {
            writeLock.unlock();
        }
    }

    private <T> T inTransaction(SqlWork<T> work) throws SQLException {
        writer.setAutoCommit(false);
        try {
            T result = work.apply(writer);
            writer.commit();
            return result;
        } catch (Throwable t) {
            rollbackQuietly(t);
            throw t;
        } finally {
            writer.setAutoCommit(true);
        }
    }

    /**
     * A write of many new rows (an import), in one transaction like {@link #write}. When nothing else has the file
     * open (no reader of this process, no other process) the transaction runs with a rollback journal instead of
     * the WAL: new pages are then written once, into the file, where in WAL mode each is written to the WAL and
     * copied into the file again at the checkpoint (measured: a third of the time of storing an import's rows). The
     * file goes back to WAL when the write ends, committed or not; a process killed meanwhile leaves a hot journal,
     * which SQLite rolls back on the next open, and the next open sets WAL again. When anyone else has the file
     * open, the switch is refused at once and this is an ordinary WAL write, so readers keep reading.
     * See docs/decisions/0020-bulk-import-without-the-wal.md.
     */
    public <T> T bulkWrite(SqlWork<T> work) {
        ensureOpen();
        writeLock.lock();
        try {
            if (writeLock.getHoldCount() > 1) {
                return work.apply(writer); // inside another write: part of its transaction
            }
            boolean alone;
            synchronized (allReaders) {
                alone = allReaders.isEmpty() && leaveWal();
            }
            try {
                return inTransaction(work);
            } finally {
                if (alone) {
                    backToWal();
                }
            }
        } catch (SQLException e) {
            throw new StoreException(file + ": " + describe(e), e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Switches the file to a rollback journal if no other connection has it open; never waits for one. */
    private boolean leaveWal() {
        try (var st = writer.createStatement()) {
            st.execute("PRAGMA busy_timeout = 0"); // someone else has the file: stay in WAL, do not wait
            try (var rs = st.executeQuery("PRAGMA journal_mode = DELETE")) {
                if (!rs.next() || !"delete".equalsIgnoreCase(rs.getString(1))) {
                    return false;
                }
            } catch (SQLException busy) {
                return false;
            } finally {
                st.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
            }
            // without the WAL, NORMAL could leave a corrupt file after a power cut at the wrong moment; FULL costs
            // a few syncs per transaction, which for one import is nothing
            st.execute("PRAGMA synchronous = FULL");
            return true;
        } catch (SQLException e) {
            throw new StoreException(file + ": " + describe(e), e);
        }
    }

    private void backToWal() {
        try (var st = writer.createStatement()) {
            st.execute("PRAGMA synchronous = NORMAL");
            st.execute("PRAGMA journal_mode = WAL");
        } catch (SQLException e) {
            // the file stays in rollback-journal mode until the next open, which sets WAL again
        }
    }

    /**
     * Runs {@code work} on a read connection inside one read transaction, so everything it reads comes from the
     * same committed state. Called from inside {@link #write}, it reads through the writer (and so sees the
     * writer's own uncommitted rows).
     */
    public <T> T read(SqlWork<T> work) {
        ensureOpen();
        if (writeLock.isHeldByCurrentThread()) {
            try {
                return work.apply(writer);
            } catch (SQLException e) {
                throw new StoreException(file + ": " + describe(e), e);
            }
        }
        Connection reader = borrowReader();
        try {
            reader.setAutoCommit(false);
            try {
                return work.apply(reader);
            } finally {
                reader.rollback(); // ends the read snapshot; a reader never has anything to commit
                reader.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException(file + ": " + describe(e), e);
        } finally {
            idleReaders.offer(reader);
        }
    }

    private Connection borrowReader() {
        Connection c = idleReaders.poll();
        if (c != null) {
            return c;
        }
        synchronized (allReaders) {
            if (allReaders.size() < MAX_READERS) {
                try {
                    Connection fresh = connect(file, true);
                    allReaders.add(fresh);
                    return fresh;
                } catch (SQLException e) {
                    throw new StoreException(file + ": cannot open a read connection (" + describe(e) + ")", e);
                }
            }
        }
        try {
            return idleReaders.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a read connection", e);
        }
    }

    private void rollbackQuietly(Throwable cause) {
        try {
            writer.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException(file + ": project is closed");
        }
    }

    /** Copies the whole project into {@code target} as one consistent SQLite file (VACUUM INTO). */
    public void backupTo(Path target) {
        write(c -> {
            try (var st = c.prepareStatement("VACUUM INTO ?")) {
                st.setString(1, target.toAbsolutePath().toString());
                st.execute();
            }
            return null;
        });
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (allReaders) {
            for (Connection c : allReaders) {
                closeQuietly(c);
            }
            allReaders.clear();
        }
        writeLock.lock();
        try {
            try (var st = writer.createStatement()) {
                // Folds the WAL back into the main file so a copied project file is complete on its own.
                st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            } catch (SQLException ignored) {
                // a checkpoint is an optimisation; the WAL is still valid and SQLite replays it on next open
            }
            closeQuietly(writer);
        } finally {
            writeLock.unlock();
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing is best effort; SQLite recovers any leftover state on the next open
        }
    }

    private static boolean isBusy(SQLException e) {
        return e instanceof org.sqlite.SQLiteException se
                && (se.getResultCode() == org.sqlite.SQLiteErrorCode.SQLITE_BUSY
                || se.getResultCode() == org.sqlite.SQLiteErrorCode.SQLITE_LOCKED);
    }

    static String describe(SQLException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.replaceFirst("^\\[SQLITE_[A-Z_]+\\]\\s*", "");
    }
}
