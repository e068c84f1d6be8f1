package org.rlaif.workbench.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything the metrics say about a table of labels: per labeler against a reference, every pair of labelers,
 * many-rater statistics, the human ceiling, length and position bias, calibration, scaling, and the disputed pairs.
 * Built by {@link #compute} in one pass over the labels; fractions are in [0,1]; what does not apply is null.
 *
 * @param referenceName        {@code humans}, {@code adjudications} or the reference labeler's name
 * @param referenceDescription a sentence saying what the reference is
 * @param referencePairs       pairs with a reference verdict
 * @param pairs                pairs in the table (or the slice)
 * @param labels               labels with a verdict
 * @param referencePreferLonger the reference's own length preference, next to the labelers'
 * @param disputedPairs        pairs with at least one A and one B verdict
 * @param notes                why fields are null, and what was flagged, in plain words
 * @param verdicts             the per-pair verdicts behind the figures; null in a slice report
 */
public record AlignmentReport(ReportOptions options, String referenceName, String referenceDescription,
                              long referencePairs, int pairs, long labels, List<LabelerAlignment> labelers,
                              List<PairwiseAlignment> pairwise, RaterSetStatistic krippendorffAlpha,
                              RaterSetStatistic fleissKappa, HumanCeiling humanCeiling,
                              LengthPreference referencePreferLonger, ScalingFit scaling, long disputedPairs,
                              List<String> notes, PairVerdicts verdicts) {

    public AlignmentReport {
        labelers = List.copyOf(labelers);
        pairwise = List.copyOf(pairwise);
        notes = List.copyOf(notes);
    }

    /**
     * Computes the report over every pair of the table.
     *
     * @throws UndefinedMetricException when the table holds no pairs or no verdicts
     */
    public static AlignmentReport compute(LabelTable table, ReportOptions options) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(options, "options");
        requireData(table, options);
        PairVerdicts.Columns columns = new PairVerdicts.Columns(table.pairCount(), table.labelerCount());
        AlignmentPass.Tally tally = new AlignmentPass(table, options, columns).run(null);
        return new ReportAssembly(table, options, tally).report(new PairVerdicts(table, options.reference(), columns));
    }

    /**
     * The report for each group of {@code groups} that holds pairs, in group order: the same metrics restricted to
     * that group's pairs.
     */
    public static List<SliceReport> slices(LabelTable table, PairGroups groups, ReportOptions options) {
        requireData(table, options);
        if (groups.groupOf().length != table.pairCount()) {
            throw new IllegalArgumentException(groups.dimension() + ": groups cover " + groups.groupOf().length
                    + " pairs, the table has " + table.pairCount());
        }
        List<SliceReport> out = new ArrayList<>();
        AlignmentPass pass = new AlignmentPass(table, options, null);
        for (int g = 0; g < groups.groupCount(); g++) {
            int[] subset = groups.pairIndexes(g);
            if (subset.length == 0) {
                continue;
            }
            AlignmentPass.Tally tally = pass.run(subset);
            out.add(new SliceReport(groups.dimension(), groups.names().get(g), g,
                    new ReportAssembly(table, options, tally).report(null)));
        }
        return out;
    }

    private static void requireData(LabelTable table, ReportOptions options) {
        if (table.pairCount() == 0) {
            throw new UndefinedMetricException("no pairs to measure: the project holds no comparisons");
        }
        if (table.labelCount() == 0) {
            throw new UndefinedMetricException("no labels to measure: none of the " + table.pairCount()
                    + " pairs has a label in force");
        }
        if (options.reference().kind() == Reference.Kind.LABELER) {
            Objects.checkIndex(options.reference().labeler(), table.labelerCount());
        }
    }

    /** How each labeler's several labels on a pair become one verdict; stated in every output. */
    public static String verdictRule() {
        return AlignmentPass.VERDICT_RULE;
    }

    /** The row of the labeler with this name. */
    public LabelerAlignment labeler(String name) {
        for (LabelerAlignment l : labelers) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        throw new IllegalArgumentException("no labeler '" + name + "' in the report");
    }

    /** The pairwise row of two labelers, in either order (the matrix is transposed to put {@code first} in rows). */
    public PairwiseAlignment pairwise(int first, int second) {
        for (PairwiseAlignment p : pairwise) {
            if (p.first() == first && p.second() == second) {
                return p;
            }
            if (p.first() == second && p.second() == first) {
                Agreement a = p.agreement();
                return new PairwiseAlignment(first, second, p.secondName(), p.firstName(), new Agreement(
                        a.confusion().transposed(), a.ties(), a.value(), a.ci95(), a.cohenKappa()));
            }
        }
        throw new IllegalArgumentException("no pairwise row for labelers " + first + " and " + second);
    }

    /** Names of the labelers flagged as giving one answer every time. */
    public List<String> degenerateLabelers() {
        return labelers.stream().filter(LabelerAlignment::isDegenerate).map(LabelerAlignment::name).toList();
    }

    /** True when the reference gave a verdict on at least one pair. */
    public boolean hasReference() {
        return referencePairs > 0;
    }
}
