package org.rlaif.workbench.io.export;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.store.ComparisonRepository;

/**
 * Streams every pair of a project with its labelers' verdicts, in pair order, holding one pair at a time: three
 * cursors (pairs, labels in force, adjudications in force), all ordered by pair id, are walked side by side.
 */
public final class PairVerdictReader {
    /** What to do with each pair. */
    @FunctionalInterface
    public interface Visitor {
        void visit(PairVerdicts pair) throws IOException;
    }

    /** Visits every pair (of {@code split}, or all when null) in id order. */
    public void forEach(Connection c, Split split, Visitor visitor) throws SQLException, IOException {
        String pairSql = "SELECT " + ComparisonRepository.COLUMNS + " FROM comparison"
                + (split == null ? "" : " WHERE split = ?") + " ORDER BY id";
        try (PreparedStatement pairs = c.prepareStatement(pairSql);
             PreparedStatement labels = c.prepareStatement("SELECT comparison_id, labeler_id, choice, p_a"
                     + " FROM current_label WHERE status = 'OK' ORDER BY comparison_id");
             PreparedStatement adjudications = c.prepareStatement("SELECT comparison_id, choice"
                     + " FROM current_adjudication ORDER BY comparison_id, id")) {
            if (split != null) {
                pairs.setString(1, split.key());
            }
            try (ResultSet p = pairs.executeQuery();
                 Cursor l = new Cursor(labels.executeQuery());
                 Cursor a = new Cursor(adjudications.executeQuery())) {
                while (p.next()) {
                    Comparison pair = ComparisonRepository.map(p);
                    visitor.visit(collect(pair, l, a));
                }
            }
        }
    }

    private static PairVerdicts collect(Comparison pair, Cursor labels, Cursor adjudications) throws SQLException {
        Map<Long, List<Choice>> votes = new LinkedHashMap<>();
        Map<Long, double[]> pSums = new HashMap<>();
        labels.skipBefore(pair.id());
        while (labels.at(pair.id())) {
            ResultSet rs = labels.rs;
            long labeler = rs.getLong(2);
            votes.computeIfAbsent(labeler, k -> new ArrayList<>()).add(Choice.valueOf(rs.getString(3)));
            double p = rs.getDouble(4);
            if (!rs.wasNull()) {
                double[] s = pSums.computeIfAbsent(labeler, k -> new double[2]);
                s[0] += p;
                s[1]++;
            }
            labels.advance();
        }
        Choice adjudication = null;
        adjudications.skipBefore(pair.id());
        while (adjudications.at(pair.id())) {
            adjudication = Choice.valueOf(adjudications.rs.getString(2)); // newest last: ordered by id
            adjudications.advance();
        }
        Map<Long, Choice> verdicts = new LinkedHashMap<>();
        votes.forEach((labeler, v) -> verdicts.put(labeler, Verdicts.majority(v)));
        Map<Long, Double> means = new HashMap<>();
        pSums.forEach((labeler, s) -> means.put(labeler, s[0] / s[1]));
        return new PairVerdicts(pair, verdicts, means, adjudication);
    }

    /** A result set ordered by its first column (a pair id), read one row ahead. */
    private static final class Cursor implements AutoCloseable {
        final ResultSet rs;
        private boolean valid;

        Cursor(ResultSet rs) throws SQLException {
            this.rs = rs;
            this.valid = rs.next();
        }

        void skipBefore(long pairId) throws SQLException {
            while (valid && rs.getLong(1) < pairId) {
                valid = rs.next();
            }
        }

        boolean at(long pairId) throws SQLException {
            return valid && rs.getLong(1) == pairId;
        }

        void advance() throws SQLException {
            valid = rs.next();
        }

        @Override
        public void close() throws SQLException {
            rs.close();
        }
    }
}
