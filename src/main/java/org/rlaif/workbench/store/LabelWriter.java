package org.rlaif.workbench.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Label;
import org.rlaif.workbench.domain.LabelStatus;
import org.rlaif.workbench.domain.OrderShown;

/**
 * Writes labels into slots on the write connection, label after label, with its two statements prepared once: a
 * labeling run writes thousands of labels a minute, and preparing the insert and the slot query anew for each label
 * (the repositories do, for one-off actions) cost more CPU than running them.
 *
 * <p>Open it inside {@link ProjectStore#write}, use it only inside later {@code write} calls (it checks that it is
 * given the connection it was opened on, so it never runs outside the write lock), and close it in one too.
 */
public final class LabelWriter implements AutoCloseable {
    /**
     * The slot's row in force, read straight from the table rather than through the {@code current_label} view, for
     * one slot only, and without the prompt and raw answer, which are kilobytes and not needed to decide anything.
     */
    private static final String IN_FORCE = "SELECT id, status, choice, p_a, rationale, created_at, supersedes"
            + " FROM label l WHERE comparison_id = ? AND labeler_id = ? AND sample_index = ? AND order_shown IS ?"
            + " AND NOT EXISTS (SELECT 1 FROM label s WHERE s.supersedes = l.id) ORDER BY id DESC LIMIT 1";
    private static final String INSERT = "INSERT INTO label (comparison_id, labeler_id, sample_index, status, choice,"
            + " p_a, rationale, order_shown, created_at, supersedes, prompt, raw_answer)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String LAST_ID = "SELECT coalesce(max(id), 0) FROM label";

    private final Connection connection;
    private final PreparedStatement inForce;
    private final PreparedStatement insert;
    private final PreparedStatement lastId;

    LabelWriter(Connection connection) throws SQLException {
        this.connection = connection;
        PreparedStatement query = connection.prepareStatement(IN_FORCE);
        PreparedStatement add = null;
        try {
            add = connection.prepareStatement(INSERT);
            this.lastId = connection.prepareStatement(LAST_ID);
        } catch (SQLException e) {
            query.close();
            if (add != null) {
                add.close();
            }
            throw e;
        }
        this.inForce = query;
        this.insert = add;
    }

    /**
     * The highest label id in the project (0 when there is none). Labels are append-only, so rows past the last
     * id one saw are rows someone else added: a cheap test, once per transaction, that spares a run the slot query
     * for every label while no one else labels with its labeler (see docs/decisions/0010-labeling-run-writes.md).
     */
    public long lastLabelId(Connection c) throws SQLException {
        check(c);
        try (ResultSet rs = lastId.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Whether a label of this labeler has an id in {@code (afterId, upToId]}. */
    public boolean labeledBetween(Connection c, long labelerId, long afterId, long upToId) throws SQLException {
        check(c);
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM label WHERE id > ? AND id <= ? AND labeler_id = ? LIMIT 1")) {
            ps.setLong(1, afterId);
            ps.setLong(2, upToId);
            ps.setLong(3, labelerId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * The label in force in a slot, if any, with its id, status, choice, P(A), rationale and what it supersedes;
     * its prompt and raw answer are left out (null).
     */
    public Optional<Label> inForce(Connection c, long comparisonId, long labelerId, int sampleIndex, OrderShown order)
            throws SQLException {
        check(c);
        inForce.setLong(1, comparisonId);
        inForce.setLong(2, labelerId);
        inForce.setInt(3, sampleIndex);
        Rows.setNullableEnum(inForce, 4, order);
        try (ResultSet rs = inForce.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            String choice = rs.getString(3);
            double pA = rs.getDouble(4);
            Double probabilityA = rs.wasNull() ? null : pA;
            long supersedes = rs.getLong(7);
            Long superseded = rs.wasNull() ? null : supersedes;
            return Optional.of(new Label(rs.getLong(1), comparisonId, labelerId, sampleIndex,
                    LabelStatus.valueOf(rs.getString(2)), choice == null ? null : Choice.valueOf(choice), probabilityA,
                    rs.getString(5), order, Instant.ofEpochMilli(rs.getLong(6)), superseded, null, null));
        }
    }

    /**
     * Appends a label. Its id is not returned: a run has no use for it (the slot query finds the row), and
     * {@code RETURNING} costs the driver a result set per row, a third of the insert's CPU.
     */
    public void append(Connection c, Label label) throws SQLException {
        check(c);
        insert.setLong(1, label.comparisonId());
        insert.setLong(2, label.labelerId());
        insert.setInt(3, label.sampleIndex());
        insert.setString(4, label.status().name());
        Rows.setNullableEnum(insert, 5, label.choice());
        Rows.setNullableDouble(insert, 6, label.probabilityA());
        setNullableString(insert, 7, label.rationale());
        Rows.setNullableEnum(insert, 8, label.orderShown());
        insert.setLong(9, label.createdAt().toEpochMilli());
        Rows.setNullableLong(insert, 10, label.supersedes());
        setNullableString(insert, 11, label.prompt());
        setNullableString(insert, 12, label.rawAnswer());
        insert.executeUpdate();
    }

    private static void setNullableString(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    private void check(Connection c) {
        if (c != connection) {
            throw new IllegalStateException("a LabelWriter is used only inside store.write, on the write connection");
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            inForce.close();
        } finally {
            try {
                insert.close();
            } finally {
                lastId.close();
            }
        }
    }
}
