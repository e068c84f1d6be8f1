package org.rlaif.workbench.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.metrics.LabelTable;
import org.rlaif.workbench.metrics.LabelerInfo;
import org.rlaif.workbench.metrics.PairGroups;

/**
 * Reads a project's labels in force into the primitive {@link LabelTable} the metrics work on: one pass over the
 * pairs (lengths and slice keys, never the texts) and one over the labels. FAILED labels come along as labels without
 * a verdict, so they are counted separately; RETRACTED ones mean "no label" and are left out.
 *
 * <p>What is in force is what {@code current_label} says: rows no later row supersedes. The view tests that with a
 * correlated subquery per row, which for millions of labels costs more than reading them; so the superseded ids are
 * read once from their unique index and skipped while scanning {@code label}. Each row comes back as three numbers,
 * the codes computed by SQLite, so no string is built per row. Labels are append-only, which makes a snapshot a
 * matter of id bounds: {@link #load(ProjectStore)} reads id ranges on several read connections at once and still
 * sees one consistent state.
 */
public final class LabelTableLoader {
    /** Flags a RETRACTED row in the packed code; such a row is skipped. */
    private static final int RETRACTED = 1 << 20;
    private static final String CODE = "sample_index * 16"
            + " + (CASE order_shown WHEN 'AB' THEN 4 WHEN 'BA' THEN 8 ELSE 0 END)"
            + " + (CASE status WHEN 'OK' THEN (CASE choice WHEN 'A' THEN 0 WHEN 'B' THEN 1 ELSE 2 END)"
            + " WHEN 'FAILED' THEN 3 ELSE " + RETRACTED + " END)";
    private static final String PAIRS = "SELECT id, len_a, len_b, task, source, split FROM comparison WHERE id <= ? ORDER BY id";
    private static final int MAX_THREADS = 4;
    private static final long MIN_ROWS_PER_THREAD = 200_000;

    private final LabelerRepository labelers = new LabelerRepository();
    private final long minRowsPerThread;

    public LabelTableLoader() {
        this(MIN_ROWS_PER_THREAD);
    }

    /** A loader that starts another reader for every {@code minRowsPerThread} label ids (tests use a small one). */
    LabelTableLoader(long minRowsPerThread) {
        this.minRowsPerThread = Math.max(1, minRowsPerThread);
    }

    /**
     * Loads everything in force, reading the labels on up to four read connections in parallel. Call it off the UI
     * thread; it takes seconds for millions of labels.
     */
    public LabelTable load(ProjectStore store) {
        Snapshot s = store.read(this::snapshot);
        int threads = (int) Math.max(1, Math.min(Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()),
                (s.maxLabelId - s.minLabelId + 1) / minRowsPerThread));
        long span = s.maxLabelId - s.minLabelId + 1;
        List<Rows> rows = new ArrayList<>();
        ExecutorService readers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "label-table-reader");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Rows>> parts = new ArrayList<>();
            for (int k = 0; k < threads; k++) {
                long from = s.minLabelId + span * k / threads;
                long to = s.minLabelId + span * (k + 1) / threads - 1;
                parts.add(readers.submit(() -> store.read(c -> readLabels(c, s, from, to))));
            }
            for (Future<Rows> f : parts) {
                rows.add(f.get());
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new StoreException("cannot read labels", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while reading labels", e);
        } finally {
            readers.shutdownNow();
        }
        return s.build(rows);
    }

    /** Loads everything in force through one connection, e.g. inside {@code store.read(...)} or a write. */
    public LabelTable load(Connection c) throws SQLException {
        Snapshot s = snapshot(c);
        return s.build(List.of(readLabels(c, s, s.minLabelId, s.maxLabelId)));
    }

    /**
     * Groups the table's pairs by the value of one key of their metadata ({@code meta:KEY} slices); pairs without
     * the key fall in the group {@code (none)}. The table must have been loaded from the same project.
     */
    public PairGroups groupsByMetadata(Connection c, LabelTable table, String key) throws SQLException {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a metadata slice needs a key, e.g. meta:cmp_key");
        }
        Map<String, Integer> codes = new LinkedHashMap<>();
        int[] groupOf = new int[table.pairCount()];
        Arrays.fill(groupOf, -1);
        String path = "$.\"" + key.replace("\"", "\\\"") + "\"";
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, CASE WHEN json_valid(metadata) THEN json_extract(metadata, ?) END FROM comparison ORDER BY id")) {
            ps.setString(1, path);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int p = table.pairIndex(rs.getLong(1));
                    if (p < 0) {
                        continue; // a pair added after the table was loaded
                    }
                    String value = rs.getString(2);
                    groupOf[p] = codes.computeIfAbsent(value == null ? "(none)" : value, k -> codes.size());
                }
            }
        }
        return new PairGroups("meta:" + key, new ArrayList<>(codes.keySet()), groupOf);
    }

    /** Labelers, pairs, adjudications and the id bounds of the labels: everything but the labels themselves. */
    private Snapshot snapshot(Connection c) throws SQLException {
        long minLabel;
        long maxLabel;
        // two subqueries, each a single min() or max(): SQLite answers those from the b-tree's ends, not by a scan
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT coalesce((SELECT min(id) FROM label), 1), coalesce((SELECT max(id) FROM label), 0)");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            minLabel = rs.getLong(1);
            maxLabel = rs.getLong(2);
        }
        List<Labeler> all = labelers.list(c);
        List<LabelerInfo> infos = new ArrayList<>(all.size());
        long maxLabelerId = all.stream().mapToLong(Labeler::id).max().orElse(0);
        if (maxLabelerId >= Integer.MAX_VALUE - 8) {
            throw new StoreException("labeler id " + maxLabelerId + " is too large to index");
        }
        int[] labelerIndex = new int[(int) maxLabelerId + 1];
        for (Labeler l : all) {
            labelerIndex[(int) l.id()] = infos.size();
            infos.add(new LabelerInfo(l.name(), l.kind().name(), l.params()));
        }
        LabelTable.Builder b = LabelTable.builder(infos);
        PairIndex pairs = readPairs(c, b);
        readAdjudications(c, b, pairs);
        return new Snapshot(b, pairs, labelerIndex, minLabel, maxLabel, superseded(c, maxLabel));
    }

    /** The ids some label in the snapshot supersedes: one range scan of the unique index on {@code supersedes}. */
    private static BitSet superseded(Connection c, long maxLabel) throws SQLException {
        BitSet out = new BitSet();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT supersedes, id FROM label WHERE supersedes IS NOT NULL")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getLong(2) <= maxLabel) {
                        out.set(Math.toIntExact(rs.getLong(1)));
                    }
                }
            }
        }
        return out;
    }

    private static Rows readLabels(Connection c, Snapshot s, long from, long to) throws SQLException {
        boolean packLabeler = s.maxLabelerId < (1 << 16);
        boolean withIds = !s.superseded.isEmpty();
        String sql = "SELECT " + (packLabeler ? "(comparison_id << 16) | labeler_id" : "comparison_id, labeler_id")
                + ", " + CODE + ", coalesce(p_a, -1.0)" + (withIds ? ", id" : "")
                + " FROM label WHERE id BETWEEN ? AND ?";
        Rows out = new Rows((int) Math.min(Integer.MAX_VALUE - 8, Math.max(16, to - from + 1)));
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int col = 1;
                    long pairId;
                    long labelerId;
                    if (packLabeler) {
                        long both = rs.getLong(col++);
                        pairId = both >>> 16;
                        labelerId = both & 0xFFFF;
                    } else {
                        pairId = rs.getLong(col++);
                        labelerId = rs.getLong(col++);
                    }
                    int code = rs.getInt(col++);
                    double pa = rs.getDouble(col++);
                    if ((code & RETRACTED) != 0 || (withIds && s.superseded.get(Math.toIntExact(rs.getLong(col))))) {
                        continue;
                    }
                    out.add(s.pairs.indexOf(pairId), s.labelerIndex[(int) labelerId], code, pa);
                }
            }
        }
        return out;
    }

    private static PairIndex readPairs(Connection c, LabelTable.Builder b) throws SQLException {
        long count;
        long maxId;
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*), coalesce(max(id), 0) FROM comparison");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            count = rs.getLong(1);
            maxId = rs.getLong(2);
        }
        PairIndex index = new PairIndex(count, maxId);
        Map<String, String> interned = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(PAIRS)) {
            ps.setLong(1, maxId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    int p = b.addPair(id, rs.getInt(2), rs.getInt(3), intern(interned, rs.getString(4)),
                            intern(interned, rs.getString(5)), intern(interned, rs.getString(6)));
                    index.put(id, p);
                }
            }
        }
        return index;
    }

    private static String intern(Map<String, String> pool, String s) {
        String known = pool.putIfAbsent(s, s);
        return known == null ? s : known;
    }

    private static void readAdjudications(Connection c, LabelTable.Builder b, PairIndex pairs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT comparison_id,"
                + " CASE choice WHEN 'A' THEN 0 WHEN 'B' THEN 1 ELSE 2 END FROM current_adjudication ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int p = pairs.indexOf(rs.getLong(1));
                if (p >= 0) {
                    b.adjudicate(p, (byte) rs.getInt(2)); // the newest in force wins
                }
            }
        }
    }

    /** What one snapshot read, and where the labels read afterwards go. */
    private static final class Snapshot {
        final LabelTable.Builder builder;
        final PairIndex pairs;
        final int[] labelerIndex;
        final long maxLabelerId;
        final long minLabelId;
        final long maxLabelId;
        final BitSet superseded;

        Snapshot(LabelTable.Builder builder, PairIndex pairs, int[] labelerIndex, long minLabelId,
                 long maxLabelId, BitSet superseded) {
            this.builder = builder;
            this.pairs = pairs;
            this.labelerIndex = labelerIndex;
            this.maxLabelerId = labelerIndex.length - 1;
            this.minLabelId = minLabelId;
            this.maxLabelId = maxLabelId;
            this.superseded = superseded;
        }

        /** Adds the label rows in id order (so the newest row of a slot is added last and wins) and builds. */
        LabelTable build(List<Rows> parts) {
            for (Rows r : parts) {
                builder.addLabels(r.size, r.pair, r.labeler, r.sample, r.order, r.choice, r.pa);
            }
            return builder.build();
        }
    }

    /** Label rows as read and decoded on a reader thread, before they are sorted into the table. */
    private static final class Rows {
        int[] pair;
        short[] labeler;
        short[] sample;
        byte[] order;
        byte[] choice;
        float[] pa;
        int size;

        Rows(int expected) {
            int n = Math.min(expected, 1 << 20);
            pair = new int[n];
            labeler = new short[n];
            sample = new short[n];
            order = new byte[n];
            choice = new byte[n];
            pa = new float[n];
        }

        void add(int pairIndex, int labelerIndex, int packed, double p) {
            if (size == pair.length) {
                int n = size * 2;
                pair = Arrays.copyOf(pair, n);
                labeler = Arrays.copyOf(labeler, n);
                sample = Arrays.copyOf(sample, n);
                order = Arrays.copyOf(order, n);
                choice = Arrays.copyOf(choice, n);
                pa = Arrays.copyOf(pa, n);
            }
            int sampleIndex = packed >>> 4;
            if (sampleIndex > Short.MAX_VALUE) {
                throw new StoreException("label sample index " + sampleIndex + " is beyond what metrics handle ("
                        + Short.MAX_VALUE + ")");
            }
            pair[size] = pairIndex;
            labeler[size] = (short) labelerIndex;
            sample[size] = (short) sampleIndex;
            order[size] = (byte) ((packed >>> 2) & 3);
            choice[size] = (byte) (packed & 3);
            pa[size] = p < 0 ? Float.NaN : (float) p;
            size++;
        }
    }

    /** Comparison id to pair index: a direct array when ids are dense (the usual case), else a sorted search. */
    private static final class PairIndex {
        private final int[] direct;
        private long[] ids;
        private int size;

        PairIndex(long count, long maxId) {
            if (maxId <= 4 * count + 1024 && maxId < Integer.MAX_VALUE - 8) {
                direct = new int[(int) maxId + 1];
                Arrays.fill(direct, -1);
            } else {
                direct = null;
                ids = new long[(int) Math.max(count, 16)];
            }
        }

        void put(long id, int index) {
            if (direct != null) {
                direct[(int) id] = index;
            } else {
                if (size == ids.length) {
                    ids = Arrays.copyOf(ids, size * 2);
                }
                ids[size++] = id; // arrives in id order, so index == position
            }
        }

        int indexOf(long id) {
            if (direct != null) {
                return id >= 0 && id < direct.length ? direct[(int) id] : -1;
            }
            int i = Arrays.binarySearch(ids, 0, size, id);
            return i >= 0 ? i : -1;
        }
    }
}
