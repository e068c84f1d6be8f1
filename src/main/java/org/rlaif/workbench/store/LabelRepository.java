package org.rlaif.workbench.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Label;
import org.rlaif.workbench.domain.LabelStatus;
import org.rlaif.workbench.domain.OrderShown;

/**
 * Labels, append-only. A correction is a new row that supersedes the row in force; an undo is another new row
 * (the earlier verdict again, or a RETRACTED row), so the full history of every slot stays readable.
 */
public final class LabelRepository {
    static final String COLUMNS = "id, comparison_id, labeler_id, sample_index, status, choice, p_a, rationale,"
            + " order_shown, created_at, supersedes, prompt, raw_answer";
    private static final String INSERT = "INSERT INTO label (comparison_id, labeler_id, sample_index, status, choice,"
            + " p_a, rationale, order_shown, created_at, supersedes, prompt, raw_answer, origin)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** Appends a label and returns its id. */
    public long append(Connection c, Label label) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT + " RETURNING id")) {
            bind(ps, label, null);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A writer for many labels in a row (a labeling run), its statements prepared once on this write connection. */
    public LabelWriter writer(Connection c) throws SQLException {
        return new LabelWriter(c);
    }

    /** A reusable statement for imports: a label whose origin is already stored is skipped, not duplicated. */
    public PreparedStatement prepareImport(Connection c) throws SQLException {
        return c.prepareStatement(INSERT + " ON CONFLICT (origin) WHERE origin IS NOT NULL DO NOTHING");
    }

    /** Binds and runs {@link #prepareImport}'s statement; true when the label was new. */
    public boolean appendImported(PreparedStatement ps, Label label, String origin) throws SQLException {
        bind(ps, label, origin);
        return ps.executeUpdate() == 1;
    }

    private static final int INSERT_COLUMNS = 13;

    /**
     * One INSERT of {@code rows} labels, for bulk imports (see {@code ComparisonRepository.prepareRowsInsert}): no
     * conflict clause, so a label whose origin is already stored fails the whole statement, which SQLite undoes,
     * and the caller stores those labels one by one with {@link #prepareImport}.
     */
    public PreparedStatement prepareRowsInsert(Connection c, int rows) throws SQLException {
        StringBuilder sql = new StringBuilder(INSERT.substring(0, INSERT.indexOf("VALUES") + "VALUES".length()));
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? " " : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }
        return c.prepareStatement(sql.toString());
    }

    /** Binds {@code label} as row {@code row} (0-based) of {@link #prepareRowsInsert}'s statement. */
    public void bindRow(PreparedStatement ps, int row, Label label, String origin) throws SQLException {
        bindAt(ps, row * INSERT_COLUMNS, label, origin);
    }

    private static void bind(PreparedStatement ps, Label label, String origin) throws SQLException {
        bindAt(ps, 0, label, origin);
    }

    private static void bindAt(PreparedStatement ps, int at, Label label, String origin) throws SQLException {
        ps.setLong(at + 1, label.comparisonId());
        ps.setLong(at + 2, label.labelerId());
        ps.setInt(at + 3, label.sampleIndex());
        ps.setString(at + 4, label.status().name());
        Rows.setNullableEnum(ps, at + 5, label.choice());
        Rows.setNullableDouble(ps, at + 6, label.probabilityA());
        ps.setString(at + 7, label.rationale());
        Rows.setNullableEnum(ps, at + 8, label.orderShown());
        ps.setLong(at + 9, label.createdAt().toEpochMilli());
        Rows.setNullableLong(ps, at + 10, label.supersedes());
        ps.setString(at + 11, label.prompt());
        ps.setString(at + 12, label.rawAnswer());
        if (origin == null) {
            ps.setNull(at + 13, Types.VARCHAR);
        } else {
            ps.setString(at + 13, origin);
        }
    }

    /** The rows in force for one pair (every labeler, sample and order), RETRACTED ones included. */
    public List<Label> current(Connection c, long comparisonId) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM current_label WHERE comparison_id = ?"
                + " ORDER BY labeler_id, sample_index, order_shown", comparisonId);
    }

    /** Every row ever written for one pair, oldest first. */
    public List<Label> history(Connection c, long comparisonId) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM label WHERE comparison_id = ? ORDER BY id", comparisonId);
    }

    /** The row in force in one slot, if any. */
    public Optional<Label> currentInSlot(Connection c, long comparisonId, long labelerId, int sampleIndex,
                                         OrderShown order) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM current_label WHERE comparison_id = ? AND labeler_id = ?"
                + " AND sample_index = ? AND order_shown IS ? ORDER BY id DESC LIMIT 1";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, comparisonId);
            ps.setLong(2, labelerId);
            ps.setInt(3, sampleIndex);
            Rows.setNullableEnum(ps, 4, order);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    public Optional<Label> find(Connection c, long id) throws SQLException {
        List<Label> rows = query(c, "SELECT " + COLUMNS + " FROM label WHERE id = ?", id);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** The first sample index this labeler has not used on this pair. */
    public int nextSampleIndex(Connection c, long comparisonId, long labelerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT coalesce(max(sample_index) + 1, 0) FROM label WHERE comparison_id = ? AND labeler_id = ?")) {
            ps.setLong(1, comparisonId);
            ps.setLong(2, labelerId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Per labeler: pairs with a verdict in force, verdicts in force, failed attempts in force. */
    public record LabelerCounts(long labelerId, long pairs, long labels, long failed) {
    }

    public List<LabelerCounts> countsByLabeler(Connection c) throws SQLException {
        String sql = "SELECT labeler_id,"
                + " count(DISTINCT CASE WHEN status = 'OK' THEN comparison_id END),"
                + " sum(status = 'OK'), sum(status = 'FAILED')"
                + " FROM current_label GROUP BY labeler_id";
        List<LabelerCounts> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new LabelerCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
            }
        }
        return out;
    }

    private static List<Label> query(Connection c, String sql, long key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, key);
            List<Label> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(map(rs));
                }
            }
            return out;
        }
    }

    public static Label map(ResultSet rs) throws SQLException {
        return new Label(rs.getLong("id"), rs.getLong("comparison_id"), rs.getLong("labeler_id"),
                rs.getInt("sample_index"), LabelStatus.valueOf(rs.getString("status")),
                Rows.nullableEnum(rs, "choice", Choice.class), Rows.nullableDouble(rs, "p_a"),
                rs.getString("rationale"), Rows.nullableEnum(rs, "order_shown", OrderShown.class),
                Rows.instant(rs, "created_at"), Rows.nullableLong(rs, "supersedes"),
                rs.getString("prompt"), rs.getString("raw_answer"));
    }
}
