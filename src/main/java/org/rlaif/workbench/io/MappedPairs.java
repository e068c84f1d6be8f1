package org.rlaif.workbench.io;

import java.nio.file.Path;
import java.util.List;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.LabelerKind;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;

/**
 * Turns one row of a CSV or generic JSON lines file, seen through a {@link ColumnMapping}, into a pair and its
 * label. Pairwise rows ({@code response_a}, {@code response_b}) keep their order; a row without a choice or P(A)
 * is an unlabeled pair (for an AI labeler to label later). Chosen/rejected rows are placed at A or B by the seeded
 * {@link PositionShuffle}, like TRL files; without a prompt column their shared beginning is the context.
 */
public final class MappedPairs {
    /** One row's values by column. */
    public interface Row {
        /** The text in {@code column} (empty when the cell is); null only when the row has no such column. */
        String text(String column) throws RecordException;

        /** The row's other columns (not in {@code mapping}) as a JSON object text, for the pair's metadata. */
        String otherColumns(ColumnMapping mapping);
    }

    private final ColumnMapping mapping;
    private final ImportOptions options;
    private final long seed;
    private final String source;
    private final String defaultLabeler;

    public MappedPairs(ColumnMapping mapping, ImportOptions options, long seed, String source, String defaultLabeler) {
        this.mapping = mapping;
        this.options = options;
        this.seed = seed;
        this.source = source;
        this.defaultLabeler = defaultLabeler;
    }

    /** The labeler a file's rows get when no labeler column names one: the file's name without extension. */
    public static String labelerForFile(Path file) {
        String n = file.getFileName().toString();
        for (String ext : List.of(".gz", ".csv", ".tsv", ".jsonl", ".json")) {
            if (n.toLowerCase(java.util.Locale.ROOT).endsWith(ext)) {
                n = n.substring(0, n.length() - ext.length());
            }
        }
        return n.isBlank() ? "labels" : n;
    }

    public ImportedPair pair(Row row, SourceFile file, long line) throws RecordException {
        String context = value(row, ColumnRole.PROMPT);
        Labeler labeler = labeler(row);
        Comparison pair;
        Choice choice;
        Double pA = null;
        if (mapping.pairwise()) {
            pair = draft(row, context == null ? "" : context, required(row, ColumnRole.RESPONSE_A),
                    required(row, ColumnRole.RESPONSE_B));
            choice = ChoiceText.parse(value(row, ColumnRole.CHOICE));
            String p = value(row, ColumnRole.P_A);
            if (p != null) {
                pA = probability(p);
                choice = choice != null ? choice : ChoiceText.fromProbability(pA);
            }
        } else {
            String chosen = required(row, ColumnRole.CHOSEN);
            String rejected = required(row, ColumnRole.REJECTED);
            if (context == null) {
                DialogueSplit.Parts parts = DialogueSplit.split(chosen, rejected);
                context = parts.context();
                chosen = parts.first();
                rejected = parts.second();
            }
            boolean chosenFirst = PositionShuffle.chosenFirst(seed, context, chosen, rejected);
            pair = draft(row, context, chosenFirst ? chosen : rejected, chosenFirst ? rejected : chosen);
            choice = chosenFirst ? Choice.A : Choice.B;
        }
        if (choice == null) {
            return new ImportedPair(pair, List.of(), file.path(), line);
        }
        ImportedLabel label = new ImportedLabel(labeler, null, choice, pA, value(row, ColumnRole.RATIONALE), null,
                null, Origin.of(file, line, labeler.name()));
        return new ImportedPair(pair, List.of(label), file.path(), line);
    }

    private Comparison draft(Row row, String context, String a, String b) throws RecordException {
        return Comparison.draft(task(row), context, a, b, source, value(row, ColumnRole.ID), split(row),
                row.otherColumns(mapping));
    }

    private Labeler labeler(Row row) throws RecordException {
        String name = value(row, ColumnRole.LABELER);
        if (name == null) {
            name = options.labelerNameOr(defaultLabeler);
        }
        return new Labeler(0, name.strip(), options.labelerKindOr(LabelerKind.HUMAN), null, null, null, null, "{}");
    }

    private Task task(Row row) throws RecordException {
        if (options.task() != null) {
            return options.task();
        }
        String t = value(row, ColumnRole.TASK);
        try {
            return t == null ? Task.OTHER : Task.parse(t);
        } catch (IllegalArgumentException e) {
            throw new RecordException(e.getMessage());
        }
    }

    private Split split(Row row) throws RecordException {
        if (options.split() != null) {
            return options.split();
        }
        String s = value(row, ColumnRole.SPLIT);
        try {
            return s == null ? Split.TEST : Split.parse(s);
        } catch (IllegalArgumentException e) {
            throw new RecordException(e.getMessage());
        }
    }

    private static double probability(String text) throws RecordException {
        double p;
        try {
            p = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new RecordException("p_a '" + JsonFields.abbreviate(text) + "' is not a number");
        }
        if (!(p >= 0 && p <= 1)) {
            throw new RecordException("p_a must be a probability in [0,1], got " + text.trim());
        }
        return p;
    }

    /** An optional value: null when the column is not mapped, missing or blank. */
    private String value(Row row, ColumnRole role) throws RecordException {
        String column = mapping.column(role);
        String v = column == null ? null : row.text(column);
        return v == null || v.isBlank() ? null : v;
    }

    /** A response: must be there, may be empty (a model can answer nothing). */
    private String required(Row row, ColumnRole role) throws RecordException {
        String v = row.text(mapping.column(role));
        if (v == null) {
            throw new RecordException("missing field '" + mapping.column(role) + "' (" + role.key() + ")");
        }
        return v;
    }
}
