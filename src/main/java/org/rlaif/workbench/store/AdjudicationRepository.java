package org.rlaif.workbench.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rlaif.workbench.domain.Adjudication;
import org.rlaif.workbench.domain.Choice;

/** Adjudications, append-only like labels. */
public final class AdjudicationRepository {
    private static final String COLUMNS = "id, comparison_id, choice, decided_by, note, created_at, supersedes";

    public long append(Connection c, Adjudication a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO adjudication (comparison_id, choice, decided_by,"
                + " note, created_at, supersedes) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
            ps.setLong(1, a.comparisonId());
            Rows.setNullableEnum(ps, 2, a.choice());
            ps.setString(3, a.decidedBy());
            ps.setString(4, a.note());
            ps.setLong(5, a.createdAt().toEpochMilli());
            Rows.setNullableLong(ps, 6, a.supersedes());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The adjudication in force for a pair, if one is (a withdrawn one is not). */
    public Optional<Adjudication> current(Connection c, long comparisonId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM current_adjudication WHERE comparison_id = ? ORDER BY id DESC LIMIT 1")) {
            ps.setLong(1, comparisonId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /** Every adjudication in force, in pair order. */
    public List<Adjudication> allCurrent(Connection c) throws SQLException {
        List<Adjudication> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM current_adjudication ORDER BY comparison_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(map(rs));
            }
        }
        return out;
    }

    public List<Adjudication> history(Connection c, long comparisonId) throws SQLException {
        List<Adjudication> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM adjudication WHERE comparison_id = ? ORDER BY id")) {
            ps.setLong(1, comparisonId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(map(rs));
                }
            }
        }
        return out;
    }

    private static Adjudication map(ResultSet rs) throws SQLException {
        return new Adjudication(rs.getLong("id"), rs.getLong("comparison_id"),
                Rows.nullableEnum(rs, "choice", Choice.class), rs.getString("decided_by"), rs.getString("note"),
                Rows.instant(rs, "created_at"), Rows.nullableLong(rs, "supersedes"));
    }
}
