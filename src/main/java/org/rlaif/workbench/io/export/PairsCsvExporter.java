package org.rlaif.workbench.io.export;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.store.ProjectStore;

/**
 * One CSV row per pair with every labeler's verdict as a column (A, B, TIE or empty), P(A) columns for labelers
 * that give probabilities, and the adjudication: the table a researcher opens in a spreadsheet or pandas.
 */
public final class PairsCsvExporter {
    private static final CsvMapper CSV = new CsvMapper();
    private final PairVerdictReader reader = new PairVerdictReader();

    public ExportReport export(ProjectStore store, Split split, Path out) throws IOException {
        List<Labeler> labelers = store.listLabelers();
        Set<Long> withProbabilities = store.read(c -> {
            Set<Long> ids = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT DISTINCT labeler_id FROM current_label WHERE status = 'OK' AND p_a IS NOT NULL");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        });
        List<String> header = new ArrayList<>(List.of("id", "source", "source_id", "task", "split", "context",
                "response_a", "response_b", "len_a", "len_b"));
        for (Labeler l : labelers) {
            header.add(l.name());
            if (withProbabilities.contains(l.id())) {
                header.add(l.name() + " P(A)");
            }
        }
        header.add("adjudication");
        long[] rows = {0};
        Path tmp = PreferenceExporter.tempBeside(out);
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
                 SequenceWriter csv = CSV.writerFor(String[].class).with(CsvSchema.emptySchema()).writeValues(w)) {
                csv.write(header.toArray(String[]::new));
                store.read(c -> {
                    try {
                        reader.forEach(c, split, pv -> {
                            csv.write(row(pv, labelers, withProbabilities));
                            rows[0]++;
                        });
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return null;
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return new ExportReport(out, "csv", "every labeler", rows[0], rows[0], 0, 0, 0, 0);
    }

    private static String[] row(PairVerdicts pv, List<Labeler> labelers, Set<Long> withProbabilities) {
        Comparison p = pv.pair();
        List<String> cells = new ArrayList<>(List.of(Long.toString(p.id()), p.source(), nullToEmpty(p.sourceId()),
                p.task().key(), p.split().key(), p.context(), p.responseA(), p.responseB(),
                Integer.toString(p.responseA().codePointCount(0, p.responseA().length())),
                Integer.toString(p.responseB().codePointCount(0, p.responseB().length()))));
        for (Labeler l : labelers) {
            cells.add(name(pv.verdicts().get(l.id())));
            if (withProbabilities.contains(l.id())) {
                Double pa = pv.meanProbabilityA().get(l.id());
                cells.add(pa == null ? "" : String.format(Locale.ROOT, "%.6f", pa));
            }
        }
        cells.add(name(pv.adjudication()));
        return cells.toArray(String[]::new);
    }

    private static String name(Choice c) {
        return c == null ? "" : c.name();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
