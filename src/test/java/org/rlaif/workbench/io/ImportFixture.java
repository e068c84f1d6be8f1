package org.rlaif.workbench.io;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rlaif.workbench.store.ProjectStore;

/** Shared test plumbing: the real datasets, a project to import into, and counts read back with plain SQL. */
final class ImportFixture implements AutoCloseable {
    final Path file;
    final ProjectStore store;
    final ImportService service = new ImportService();

    ImportFixture(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        this.file = dir.resolve("test.rlaif");
        this.store = ProjectStore.open(file);
    }

    /** A file under the shared datasets folder (surefire passes it as {@code rlaif.datasets}). */
    static Path dataset(String relative) {
        String root = System.getProperty("rlaif.datasets", "../shared/datasets");
        Path p = Path.of(root).resolve(relative);
        assumeTrue(Files.exists(p), "real dataset not available here: " + p);
        return p;
    }

    /** A test resource file. */
    static Path resource(String relative) {
        try {
            return Path.of(ImportFixture.class.getResource("/io/" + relative).toURI());
        } catch (Exception e) {
            throw new IllegalStateException("missing test resource io/" + relative, e);
        }
    }

    ImportReport importFiles(String format, ImportOptions options, Path... paths) throws ImportException {
        return service.importFiles(store, List.of(paths), format, options, ImportProgress.NONE);
    }

    ImportReport importFiles(String format, Path... paths) throws ImportException {
        return importFiles(format, ImportOptions.defaults(), paths);
    }

    long count(String sql, Object... args) {
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    long pairs() {
        return count("SELECT count(*) FROM comparison");
    }

    long labels() {
        return count("SELECT count(*) FROM label");
    }

    /** Rows of a query, each as column name to value. */
    List<Map<String, Object>> rows(String sql, Object... args) {
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                List<Map<String, Object>> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int i = 1; i <= n; i++) {
                            row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                        }
                        out.add(row);
                    }
                }
                return out;
            }
        });
    }

    /** Labels per choice ("A", "B", "TIE", null for failed) for one labeler. */
    Map<String, Long> choices(String labeler) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map<String, Object> r : rows("SELECT coalesce(l.choice, 'FAILED') AS c, count(*) AS n FROM label l"
                + " JOIN labeler b ON b.id = l.labeler_id WHERE b.name = ? GROUP BY 1 ORDER BY 1", labeler)) {
            out.put((String) r.get("c"), ((Number) r.get("n")).longValue());
        }
        return out;
    }

    List<String> labelerNames() {
        return rows("SELECT name FROM labeler ORDER BY id").stream().map(r -> (String) r.get("name")).toList();
    }

    @Override
    public void close() {
        store.close();
    }
}
