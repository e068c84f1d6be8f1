package org.rlaif.workbench.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.metrics.LabelCodes;
import org.rlaif.workbench.metrics.LabelTable;
import org.rlaif.workbench.metrics.LabelerInfo;
import org.rlaif.workbench.metrics.PairGroups;

/**
 * Reads a project's labels in force into the primitive {@link LabelTable} the metrics work on: one pass over the
 * pairs (lengths and slice keys, never the texts) and one over {@code current_label}. FAILED labels come along as
 * labels without a verdict, so they are counted separately; RETRACTED ones mean "no label" and are left out.
 *
 * <p>Every label row comes back as four numbers: the codes are computed by SQLite, so no string is built per row.
 */
public final class LabelTableLoader {
    /** Builds the packed code {@code sample * 16 + order * 4 + choice} (choice 3 = failed). */
    private static final String LABELS = "SELECT comparison_id, labeler_id,"
            + " sample_index * 16"
            + " + (CASE order_shown WHEN 'AB' THEN 4 WHEN 'BA' THEN 8 ELSE 0 END)"
            + " + (CASE WHEN status = 'OK' THEN (CASE choice WHEN 'A' THEN 0 WHEN 'B' THEN 1 ELSE 2 END) ELSE 3 END),"
            + " coalesce(p_a, -1.0)"
            + " FROM current_label WHERE status <> 'RETRACTED'";
    private static final String PAIRS = "SELECT id, len_a, len_b, task, source, split FROM comparison ORDER BY id";

    private final LabelerRepository labelers = new LabelerRepository();

    /** Loads everything in force; run it inside {@code store.read(...)} so pairs and labels come from one snapshot. */
    public LabelTable load(Connection c) throws SQLException {
        List<Labeler> all = labelers.list(c);
        List<LabelerInfo> infos = new ArrayList<>(all.size());
        long maxLabelerId = 0;
        for (Labeler l : all) {
            infos.add(new LabelerInfo(l.name(), l.kind().name(), l.params()));
            maxLabelerId = Math.max(maxLabelerId, l.id());
        }
        int[] labelerIndex = new int[(int) maxLabelerId + 1];
        Arrays.fill(labelerIndex, -1);
        for (int i = 0; i < all.size(); i++) {
            labelerIndex[(int) all.get(i).id()] = i;
        }
        LabelTable.Builder b = LabelTable.builder(infos);
        PairIndex pairs = readPairs(c, b);
        readAdjudications(c, b, pairs);
        try (PreparedStatement ps = c.prepareStatement(LABELS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int pair = pairs.indexOf(rs.getLong(1));
                int labeler = labelerIndex[(int) rs.getLong(2)];
                int code = rs.getInt(3);
                double pa = rs.getDouble(4);
                b.addLabel(pair, labeler, code >>> 4, (byte) ((code >>> 2) & 3), (byte) (code & 3),
                        pa < 0 ? Double.NaN : pa);
            }
        }
        return b.build();
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
        Map<String, String> interned = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(PAIRS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong(1);
                int p = b.addPair(id, rs.getInt(2), rs.getInt(3), intern(interned, rs.getString(4)),
                        intern(interned, rs.getString(5)), intern(interned, rs.getString(6)));
                index.put(id, p);
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
