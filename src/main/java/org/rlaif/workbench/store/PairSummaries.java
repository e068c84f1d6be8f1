package org.rlaif.workbench.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps {@code pair_summary} and its counts {@code pair_count} (migration V2) in step with the labels in force.
 *
 * <p>Labels, adjudications and pairs are append-only, so everything that happened since the last pass has an id
 * above a watermark. {@link #catchUp} finds the pairs those rows touch and rebuilds their summaries from
 * {@code current_label}; a pair nobody touched keeps its rows. Any writer (an import, the labeling engine, the
 * review queue) therefore stays a plain insert, and the summaries are right as soon as someone catches up, which
 * the window does before every query.
 */
public final class PairSummaries {
    static final String LABEL_WATERMARK = "summary.label_upto";
    static final String ADJUDICATION_WATERMARK = "summary.adjudication_upto";
    static final String PAIR_WATERMARK = "summary.comparison_upto";
    /** Present once pair_verdict_count (V3) holds every summarised pair; a project summarised before V3 lacks it. */
    static final String VERDICT_COUNTS = "summary.verdict_counts";
    private static final int CHUNK = 20_000;

    private final ProjectMeta meta = new ProjectMeta();

    /** Told how far a long catch-up has got; may ask it to stop (it then rolls back with the transaction). */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> {
        };

        void pairs(long done, long total);
    }

    /** True when some label, adjudication or pair is newer than the summaries (a cheap check on a read connection). */
    public boolean isBehind(Connection c) throws SQLException {
        Marks m = marks(c);
        return m.behind();
    }

    /** Brings the summaries up to date; returns how many pairs it (re)built. Call inside a write transaction. */
    public long catchUp(Connection c) throws SQLException {
        return catchUp(c, Progress.NONE);
    }

    public long catchUp(Connection c, Progress progress) throws SQLException {
        Marks m = marks(c);
        if (!m.behind()) {
            return 0;
        }
        if (!m.verdictCountsBuilt()) {
            countVerdicts(c);
            meta.put(c, VERDICT_COUNTS, "built");
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TEMP TABLE IF NOT EXISTS summary_stale (id INTEGER PRIMARY KEY)");
            st.execute("DELETE FROM temp.summary_stale");
        }
        insertNewPairs(c, m.pairsSeen, m.pairsMax);
        markStale(c, "INSERT OR IGNORE INTO temp.summary_stale SELECT id FROM comparison WHERE id > ? AND id <= ?",
                m.pairsSeen, m.pairsMax);
        countNewPairs(c, m.pairsSeen, m.pairsMax);
        markStale(c, "INSERT OR IGNORE INTO temp.summary_stale SELECT comparison_id FROM label WHERE id > ? AND id <= ?",
                m.labelsSeen, m.labelsMax);
        markStale(c, "INSERT OR IGNORE INTO temp.summary_stale SELECT comparison_id FROM adjudication"
                + " WHERE id > ? AND id <= ?", m.adjudicationsSeen, m.adjudicationsMax);
        List<long[]> chunks = chunks(c);
        long total = chunks.stream().mapToLong(r -> r[2]).sum();
        long done = 0;
        for (long[] range : chunks) {
            recount(c, range[0], range[1], -1);
            rebuild(c, range[0], range[1]);
            recount(c, range[0], range[1], +1);
            done += range[2];
            progress.pairs(done, total);
        }
        try (Statement st = c.createStatement()) {
            st.execute("DELETE FROM temp.summary_stale");
        }
        meta.put(c, LABEL_WATERMARK, Long.toString(m.labelsMax));
        meta.put(c, ADJUDICATION_WATERMARK, Long.toString(m.adjudicationsMax));
        meta.put(c, PAIR_WATERMARK, Long.toString(m.pairsMax));
        return total;
    }

    /** Fills pair_verdict_count from the summaries as they stand (a project summarised before the table existed). */
    private static void countVerdicts(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM pair_verdict_count");
        }
        VerdictCounts.of(c, "1").applyTo(c, +1);
    }

    private static void insertNewPairs(Connection c, long after, long upto) throws SQLException {
        if (upto <= after) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO pair_summary (comparison_id, task, split,"
                + " source) SELECT id, task, split, source FROM comparison WHERE id > ? AND id <= ?")) {
            ps.setLong(1, after);
            ps.setLong(2, upto);
            ps.executeUpdate();
        }
    }

    /** New pairs enter the counts as unlabeled; their rebuild then moves them like any other stale pair. */
    private static void countNewPairs(Connection c, long after, long upto) throws SQLException {
        if (upto <= after) {
            return;
        }
        update(c, "INSERT INTO pair_count (task, split, source, status, adjudicated, pairs)"
                + " SELECT task, split, source, status, adjudicated, count(*) FROM pair_summary"
                + " WHERE comparison_id > ? AND comparison_id <= ? GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5"
                + " ON CONFLICT (task, split, source, status, adjudicated) DO UPDATE SET pairs = pairs + excluded.pairs",
                after, upto);
    }

    /**
     * Adds ({@code sign} = +1) or takes away (-1) the stale pairs in [lo, hi] from the counts (pairs, and pairs per
     * labeler verdict), as they stand now.
     */
    private static void recount(Connection c, long lo, long hi, int sign) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pair_count (task, split, source, status,"
                + " adjudicated, pairs) SELECT s.task, s.split, s.source, s.status, s.adjudicated, ? * count(*)"
                + " FROM pair_summary s WHERE s.comparison_id IN (SELECT id FROM temp.summary_stale WHERE id BETWEEN ? AND ?)"
                + " GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5"
                + " ON CONFLICT (task, split, source, status, adjudicated) DO UPDATE SET pairs = pairs + excluded.pairs")) {
            ps.setInt(1, sign);
            ps.setLong(2, lo);
            ps.setLong(3, hi);
            ps.executeUpdate();
        }
        VerdictCounts.of(c, "s.comparison_id IN (SELECT id FROM temp.summary_stale WHERE id BETWEEN ? AND ?)", lo, hi)
                .applyTo(c, sign);
        if (sign < 0) {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("DELETE FROM pair_count WHERE pairs = 0");
            }
        }
    }

    private static void markStale(Connection c, String sql, long after, long upto) throws SQLException {
        if (upto <= after) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, after);
            ps.setLong(2, upto);
            ps.executeUpdate();
        }
    }

    /** The stale ids cut into ranges of about {@link #CHUNK} pairs: {lo, hi, count}. */
    private static List<long[]> chunks(Connection c) throws SQLException {
        List<long[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM temp.summary_stale ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            long lo = -1;
            long last = -1;
            long n = 0;
            while (rs.next()) {
                long id = rs.getLong(1);
                if (n == 0) {
                    lo = id;
                }
                last = id;
                if (++n == CHUNK) {
                    out.add(new long[] {lo, last, n});
                    n = 0;
                }
            }
            if (n > 0) {
                out.add(new long[] {lo, last, n});
            }
        }
        return out;
    }

    private static void rebuild(Connection c, long lo, long hi) throws SQLException {
        String stale = "SELECT id FROM temp.summary_stale WHERE id BETWEEN ? AND ?";
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TEMP TABLE IF NOT EXISTS summary_verdict (comparison_id INTEGER NOT NULL,"
                    + " labeler_id INTEGER NOT NULL, verdict TEXT NOT NULL, p_a REAL NOT NULL, samples INTEGER NOT NULL)");
            st.execute("DELETE FROM temp.summary_verdict");
        }
        // Each labeler's verdict: the majority of its A and B votes over samples and orders (level = tie), and its
        // P(A): the mean it stated, else the share of its votes for A with a tie counting half.
        update(c, "INSERT INTO temp.summary_verdict (comparison_id, labeler_id, verdict, p_a, samples)"
                + " SELECT comparison_id, labeler_id,"
                + "   CASE WHEN a > b THEN 'A' WHEN b > a THEN 'B' ELSE 'T' END,"
                + "   coalesce(pa, (a + 0.5 * t) / n), n"
                + " FROM (SELECT l.comparison_id, l.labeler_id, sum(l.choice = 'A') AS a, sum(l.choice = 'B') AS b,"
                + "         sum(l.choice = 'TIE') AS t, count(*) AS n, avg(l.p_a) AS pa"
                + "       FROM current_label l"
                + "       WHERE l.comparison_id IN (" + stale + ") AND l.status = 'OK'"
                + "       GROUP BY l.comparison_id, l.labeler_id)", lo, hi);
        update(c, "UPDATE pair_summary SET labelers = 0, votes_a = 0, votes_b = 0, votes_tie = 0,"
                + " status = 'unlabeled', confidence = NULL, dispute = NULL, dispute_weight = NULL, verdicts = ',',"
                + " adjudicated = EXISTS (SELECT 1 FROM current_adjudication j"
                + "                       WHERE j.comparison_id = pair_summary.comparison_id)"
                + " WHERE comparison_id IN (" + stale + ")", lo, hi);
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE pair_summary SET labelers = g.n, votes_a = g.va, votes_b = g.vb, votes_tie = g.vt,"
                + " status = CASE WHEN g.n = 1 THEN 'single' WHEN g.kinds > 1 THEN 'disputed' ELSE 'agree' END,"
                + " confidence = g.conf,"
                + " dispute = CASE WHEN g.va > 0 AND g.vb > 0 THEN min(g.side_a, g.side_b) END,"
                + " dispute_weight = CASE WHEN g.va > 0 AND g.vb > 0 THEN g.side_a + g.side_b END,"
                + " verdicts = ',' || g.list || ','"
                + " FROM (SELECT comparison_id, count(*) AS n, sum(verdict = 'A') AS va, sum(verdict = 'B') AS vb,"
                + "         sum(verdict = 'T') AS vt,"
                + "         max(verdict = 'A') + max(verdict = 'B') + max(verdict = 'T') AS kinds,"
                + "         avg(abs(2 * p_a - 1)) AS conf,"
                + "         total(CASE WHEN verdict = 'A' THEN abs(2 * p_a - 1) END) AS side_a,"
                + "         total(CASE WHEN verdict = 'B' THEN abs(2 * p_a - 1) END) AS side_b,"
                + "         group_concat(labeler_id || ':' || verdict || ':' || printf('%.3f', p_a) || ':' || samples,"
                + "                      ',' ORDER BY labeler_id) AS list"
                + "       FROM temp.summary_verdict GROUP BY comparison_id) AS g"
                + " WHERE pair_summary.comparison_id = g.comparison_id")) {
            ps.executeUpdate();
        }
    }

    private static void update(Connection c, String sql, long lo, long hi) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, lo);
            ps.setLong(2, hi);
            ps.executeUpdate();
        }
    }

    private Marks marks(Connection c) throws SQLException {
        return new Marks(mark(c, LABEL_WATERMARK), max(c, "label"),
                mark(c, ADJUDICATION_WATERMARK), max(c, "adjudication"),
                mark(c, PAIR_WATERMARK), max(c, "comparison"), meta.get(c, VERDICT_COUNTS).isPresent());
    }

    private long mark(Connection c, String key) throws SQLException {
        return meta.get(c, key).map(Long::parseLong).orElse(0L);
    }

    private static long max(Connection c, String table) throws SQLException {
        // table is one of our own three names; max(id) on a rowid table is one step to the last row
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(id), 0) FROM " + table);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private record Marks(long labelsSeen, long labelsMax, long adjudicationsSeen, long adjudicationsMax,
                         long pairsSeen, long pairsMax, boolean verdictCountsBuilt) {
        boolean behind() {
            return labelsMax > labelsSeen || adjudicationsMax > adjudicationsSeen || pairsMax > pairsSeen
                    || !verdictCountsBuilt;
        }
    }
}
