package org.rlaif.workbench.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The files imported so far, by content digest. */
public final class ImportFileRepository {
    public boolean seen(Connection c, String sha256, String format) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM import_file WHERE sha256 = ? AND format = ? AND skipped = 0 LIMIT 1")) {
            ps.setString(1, sha256);
            ps.setString(2, format);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public void record(Connection c, String path, String sha256, String format, long records, long skipped,
                       String optionsJson) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO import_file (path, sha256, format, imported_at,"
                + " records, skipped, options) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, path);
            ps.setString(2, sha256);
            ps.setString(3, format);
            ps.setLong(4, System.currentTimeMillis());
            ps.setLong(5, records);
            ps.setLong(6, skipped);
            ps.setString(7, optionsJson);
            ps.executeUpdate();
        }
    }
}
