package org.rlaif.workbench.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.LabelerKind;

/** Labelers, unique by name. */
public final class LabelerRepository {
    private static final String COLUMNS = "id, name, kind, model_id, params, technique, endpoint, config";

    /**
     * Returns the labeler called {@code wanted.name()}, creating it from {@code wanted} when there is none.
     * An existing labeler of another kind is an error: the same name cannot be a human in one file and an AI in the next.
     */
    public Labeler findOrCreate(Connection c, Labeler wanted) throws SQLException {
        Optional<Labeler> existing = findByName(c, wanted.name());
        if (existing.isPresent()) {
            if (existing.get().kind() != wanted.kind()) {
                throw new StoreException("labeler '" + wanted.name() + "' already exists as " + existing.get().kind()
                        + ", not " + wanted.kind());
            }
            return existing.get();
        }
        return insert(c, wanted);
    }

    public Labeler insert(Connection c, Labeler labeler) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO labeler (name, kind, model_id, params, technique, endpoint, config, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            ps.setString(1, labeler.name());
            ps.setString(2, labeler.kind().name());
            ps.setString(3, labeler.modelId());
            Rows.setNullableDouble(ps, 4, labeler.params());
            ps.setString(5, labeler.technique());
            ps.setString(6, labeler.endpoint());
            ps.setString(7, labeler.configJson());
            ps.setLong(8, System.currentTimeMillis());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return labeler.withId(rs.getLong(1));
            }
        }
    }

    /** Changes a labeler's settings (model, size, technique, endpoint, config); its labels stay as they are. */
    public void update(Connection c, Labeler labeler) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE labeler SET model_id = ?, params = ?, technique = ?, endpoint = ?, config = ? WHERE id = ?")) {
            ps.setString(1, labeler.modelId());
            Rows.setNullableDouble(ps, 2, labeler.params());
            ps.setString(3, labeler.technique());
            ps.setString(4, labeler.endpoint());
            ps.setString(5, labeler.configJson());
            ps.setLong(6, labeler.id());
            if (ps.executeUpdate() != 1) {
                throw new StoreException("no labeler with id " + labeler.id());
            }
        }
    }

    public Optional<Labeler> findByName(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM labeler WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    public Optional<Labeler> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM labeler WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /** All labelers: humans first, then by name, so tables list the reference before what is audited. */
    public List<Labeler> list(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM labeler ORDER BY CASE kind WHEN 'HUMAN' THEN 0 ELSE 1 END, name");
             ResultSet rs = ps.executeQuery()) {
            List<Labeler> out = new ArrayList<>();
            while (rs.next()) {
                out.add(map(rs));
            }
            return out;
        }
    }

    private static Labeler map(ResultSet rs) throws SQLException {
        return new Labeler(rs.getLong("id"), rs.getString("name"), LabelerKind.valueOf(rs.getString("kind")),
                rs.getString("model_id"), Rows.nullableDouble(rs, "params"), rs.getString("technique"),
                rs.getString("endpoint"), rs.getString("config"));
    }
}
