package org.rlaif.workbench.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rlaif.workbench.domain.Adjudication;
import org.rlaif.workbench.domain.Label;
import org.rlaif.workbench.domain.Labeler;

/**
 * An open project file: the entry point to everything stored in it.
 *
 * <p>The repositories are stateless and take a {@link Connection}, so a caller can compose several of them in one
 * transaction ({@code store.write(c -> ...)}); the convenience methods here are single user actions, each its own
 * transaction.
 */
public final class ProjectStore implements AutoCloseable {
    private final Database db;
    private final ComparisonRepository comparisons = new ComparisonRepository();
    private final LabelerRepository labelers = new LabelerRepository();
    private final LabelRepository labels = new LabelRepository();
    private final AdjudicationRepository adjudications = new AdjudicationRepository();
    private final RunRepository runs = new RunRepository();
    private final PolicyRepository policies = new PolicyRepository();
    private final ProjectMeta meta = new ProjectMeta();
    private final SearchIndex search = new SearchIndex();
    private final ImportFileRepository importFiles = new ImportFileRepository();

    private ProjectStore(Database db) {
        this.db = db;
    }

    /** Opens a project, creating an empty one when the file does not exist. */
    public static ProjectStore open(Path file) {
        return new ProjectStore(Database.open(file));
    }

    public Path file() {
        return db.file();
    }

    public <T> T read(SqlWork<T> work) {
        return db.read(work);
    }

    public <T> T write(SqlWork<T> work) {
        return db.write(work);
    }

    /** A write of many new rows (an import): see {@link Database#bulkWrite}. */
    public <T> T bulkWrite(SqlWork<T> work) {
        return db.bulkWrite(work);
    }

    public ComparisonRepository comparisons() {
        return comparisons;
    }

    public LabelerRepository labelers() {
        return labelers;
    }

    public LabelRepository labels() {
        return labels;
    }

    public AdjudicationRepository adjudications() {
        return adjudications;
    }

    public RunRepository runs() {
        return runs;
    }

    public PolicyRepository policies() {
        return policies;
    }

    public ProjectMeta meta() {
        return meta;
    }

    public SearchIndex searchIndex() {
        return search;
    }

    public ImportFileRepository importFiles() {
        return importFiles;
    }

    /** Appends a label as one committed action and returns it with its id. */
    public Label addLabel(Label label) {
        long id = write(c -> labels.append(c, label));
        return label.withId(id);
    }

    /** Appends an adjudication as one committed action and returns its id. */
    public long adjudicate(Adjudication adjudication) {
        return write(c -> adjudications.append(c, adjudication));
    }

    /** Full-text search; brings the index up to date first (cheap when it already is). */
    public List<Long> search(String query, int limit) {
        write(search::catchUp);
        return read(c -> search.search(c, query, limit));
    }

    public List<Labeler> listLabelers() {
        return read(labelers::list);
    }

    public ProjectSummary summary() {
        return read(c -> {
            long pairs = comparisons.count(c);
            Map<Long, LabelRepository.LabelerCounts> counts = new LinkedHashMap<>();
            for (LabelRepository.LabelerCounts lc : labels.countsByLabeler(c)) {
                counts.put(lc.labelerId(), lc);
            }
            List<ProjectSummary.LabelerSummary> perLabeler = new ArrayList<>();
            for (Labeler l : labelers.list(c)) {
                LabelRepository.LabelerCounts lc = counts.get(l.id());
                perLabeler.add(lc == null ? new ProjectSummary.LabelerSummary(l, 0, 0, 0)
                        : new ProjectSummary.LabelerSummary(l, lc.pairs(), lc.labels(), lc.failed()));
            }
            long adjudicated = scalar(c, "SELECT count(DISTINCT comparison_id) FROM current_adjudication");
            return new ProjectSummary(pairs, perLabeler, countBy(c, "task"), countBy(c, "split"),
                    countBy(c, "source"), adjudicated);
        });
    }

    private static Map<String, Long> countBy(Connection c, String column) throws SQLException {
        // column is one of our own constants, never user input
        Map<String, Long> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + column + ", count(*) FROM comparison GROUP BY " + column + " ORDER BY count(*) DESC, 1");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    private static long scalar(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    @Override
    public void close() {
        db.close();
    }
}
