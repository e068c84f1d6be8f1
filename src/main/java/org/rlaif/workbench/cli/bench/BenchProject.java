package org.rlaif.workbench.cli.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.LabelerKind;
import org.rlaif.workbench.metrics.LabelCodes;
import org.rlaif.workbench.metrics.LabelTable;
import org.rlaif.workbench.metrics.LabelerInfo;
import org.rlaif.workbench.store.ProjectStore;

/**
 * Writes a generated label table into a real project file, to time the loader on it. Pairs get placeholder texts
 * with their lengths set directly (the loader never reads texts), so a million pairs do not need a gigabyte of
 * prose; labels are ordinary rows of the {@code label} table.
 */
final class BenchProject {
    private static final String[] CHOICES = {"A", "B", "TIE"};
    private static final String[] ORDERS = {null, "AB", "BA"};

    private BenchProject() {
    }

    static void write(Path file, LabelTable t) {
        try (ProjectStore store = ProjectStore.open(file)) {
            store.write(c -> {
                long[] labelerIds = new long[t.labelerCount()];
                for (int l = 0; l < t.labelerCount(); l++) {
                    LabelerInfo info = t.labeler(l);
                    labelerIds[l] = store.labelers().insert(c, new Labeler(0, info.name(),
                            LabelerKind.valueOf(info.kind()), null, info.params(), null, null, "{}")).id();
                }
                insertPairs(c, t);
                insertLabels(c, t, labelerIds);
                return null;
            });
        }
    }

    private static void insertPairs(Connection c, LabelTable t) throws SQLException {
        String[] tasks = names(t, LabelTable.TASK);
        String[] sources = names(t, LabelTable.SOURCE);
        String[] splits = names(t, LabelTable.SPLIT);
        int[] task = t.groups(LabelTable.TASK).groupOf();
        int[] source = t.groups(LabelTable.SOURCE).groupOf();
        int[] split = t.groups(LabelTable.SPLIT).groupOf();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO comparison (id, pair_key, task, context,"
                + " response_a, response_b, source, source_id, split, metadata, len_a, len_b)"
                + " VALUES (?, ?, ?, 'bench context', 'bench response a', 'bench response b', ?, NULL, ?, '{}', ?, ?)")) {
            for (int p = 0; p < t.pairCount(); p++) {
                ps.setLong(1, t.pairId(p));
                ps.setString(2, "bench-" + t.pairId(p));
                ps.setString(3, tasks[task[p]]);
                ps.setString(4, sources[source[p]]);
                ps.setString(5, splits[split[p]]);
                ps.setInt(6, t.lengthA(p));
                ps.setInt(7, t.lengthB(p));
                ps.addBatch();
                if (p % 10_000 == 9_999) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private static void insertLabels(Connection c, LabelTable t, long[] labelerIds) throws SQLException {
        long now = System.currentTimeMillis();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO label (comparison_id, labeler_id, sample_index,"
                + " order_shown, status, choice, p_a, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            int batched = 0;
            for (int p = 0; p < t.pairCount(); p++) {
                for (int i = t.labelStart(p); i < t.labelEnd(p); i++) {
                    byte choice = t.choiceOf(i);
                    ps.setLong(1, t.pairId(p));
                    ps.setLong(2, labelerIds[t.labelerOf(i)]);
                    ps.setInt(3, t.sampleOf(i));
                    ps.setString(4, ORDERS[t.orderOf(i)]);
                    ps.setString(5, choice == LabelCodes.NONE ? "FAILED" : "OK");
                    ps.setString(6, choice == LabelCodes.NONE ? null : CHOICES[choice]);
                    double pa = t.probabilityAOf(i);
                    if (Double.isNaN(pa)) {
                        ps.setNull(7, Types.REAL);
                    } else {
                        ps.setDouble(7, pa);
                    }
                    ps.setLong(8, now);
                    ps.addBatch();
                    if (++batched % 10_000 == 0) {
                        ps.executeBatch();
                    }
                }
            }
            ps.executeBatch();
        }
    }

    private static String[] names(LabelTable t, String dimension) {
        return t.groups(dimension).names().toArray(String[]::new);
    }
}
