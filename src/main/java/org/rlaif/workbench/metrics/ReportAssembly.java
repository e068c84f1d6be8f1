package org.rlaif.workbench.metrics;

import java.util.ArrayList;
import java.util.List;

/** Turns the pass's counts into the report's figures: agreements, intervals, kappas, fits and notes. */
final class ReportAssembly {
    private final LabelTable table;
    private final ReportOptions options;
    private final AlignmentPass.Tally tally;
    private final List<String> notes = new ArrayList<>();

    ReportAssembly(LabelTable table, ReportOptions options, AlignmentPass.Tally tally) {
        this.table = table;
        this.options = options;
        this.tally = tally;
    }

    AlignmentReport report(PairVerdicts verdicts) {
        Reference ref = options.reference();
        int[] humans = table.humanIndexes();
        if (tally.referencePairs == 0) {
            notes.add(switch (ref.kind()) {
                case HUMANS -> humans.length == 0
                        ? "no human labels: agreement, kappa, calibration and the human ceiling need a reference and are null"
                        : "no pair has a human verdict: reference-dependent fields are null";
                case ADJUDICATIONS -> "no adjudications in force: reference-dependent fields are null";
                case LABELER -> "the reference labeler " + ref.name(table) + " has no verdicts here: reference-dependent fields are null";
            });
        }
        List<LabelerAlignment> rows = new ArrayList<>();
        boolean kappaUndefined = false;
        for (int l = 0; l < table.labelerCount(); l++) {
            LabelerAlignment row = labeler(l);
            rows.add(row);
            if (row.agreement() != null && row.agreement().value() != null && row.agreement().cohenKappa() == null) {
                kappaUndefined = true;
            }
            if (row.isDegenerate()) {
                notes.add(row.name() + " gave the same answer (" + row.degenerate() + ") on all " + row.labels()
                        + " of its labels: a degenerate labeler");
            }
        }
        if (kappaUndefined) {
            notes.add("cohen_kappa is null where both sides gave one and the same answer on every pair (chance agreement 1)");
        }
        HumanCeiling ceiling = ceiling(humans);
        LengthPreference refLonger = tally.referenceLongerCounted == 0 ? null : new LengthPreference(
                (double) tally.referenceLongerChosen / tally.referenceLongerCounted, tally.referenceLongerCounted);
        return new AlignmentReport(options, ref.name(table), ref.describe(table), tally.referencePairs,
                (int) tally.pairs, tally.labels, rows, pairwise(), alpha(humans), fleiss(humans), ceiling, refLonger,
                scaling(rows), tally.disputed, notes, verdicts);
    }

    private LabelerAlignment labeler(int l) {
        AlignmentPass.Tally y = tally;
        Reference ref = options.reference();
        boolean isReference = ref.kind() == Reference.Kind.LABELER && ref.labeler() == l;
        Agreement agreement = null;
        ConfusionMatrix confusion = y.refConfusion(l);
        if (!isReference && confusion.total() > 0) {
            agreement = Agreement.of(confusion, options.ties(), options.resamples(), Bootstrap.derive(options.seed(), l));
        }
        SelfConsistency sc = null;
        if (y.scConsidered[l] > 0) {
            sc = new SelfConsistency((double) y.scConsistent[l] / y.scConsidered[l], y.scConsidered[l],
                    y.scSkipped[l], y.maxSamples[l]);
        } else if (y.scSkipped[l] > 0) {
            notes.add(table.labeler(l).name() + ": self_consistency is null, the other samples tie on every pair ("
                    + y.scSkipped[l] + " samples skipped)");
        }
        LengthPreference longer = y.longerCounted[l] == 0 ? null
                : new LengthPreference((double) y.longerChosen[l] / y.longerCounted[l], y.longerCounted[l]);
        PositionBias position = y.positionUnits[l] == 0 ? null : new PositionBias(
                (double) y.positionConsistent[l] / y.positionUnits[l],
                y.positionFirstWins[l] / (2.0 * y.positionUnits[l]), y.positionUnits[l]);
        Calibration calibration = y.calibration[l] == null || y.calibration[l].n() == 0 ? null : y.calibration[l].result();
        AnswerCounts answers = new AnswerCounts(y.answers[l * 3], y.answers[l * 3 + 1], y.answers[l * 3 + 2],
                y.firstShownChosen[l], y.secondShownChosen[l]);
        return new LabelerAlignment(l, table.labeler(l), y.pairsLabeled[l], y.okLabels[l], y.failedLabels[l],
                agreement, sc, longer, position, calibration, answers, degenerate(answers, y.okLabels[l]));
    }

    static String degenerate(AnswerCounts a, long labels) {
        if (labels < AlignmentPass.DEGENERATE_MIN_LABELS) {
            return null;
        }
        if (a.a() == labels) {
            return "A";
        }
        if (a.b() == labels) {
            return "B";
        }
        if (a.tie() == labels) {
            return "TIE";
        }
        if (a.firstShown() == labels) {
            return "the first shown";
        }
        if (a.secondShown() == labels) {
            return "the second shown";
        }
        return null;
    }

    private List<PairwiseAlignment> pairwise() {
        List<PairwiseAlignment> out = new ArrayList<>();
        int n = table.labelerCount();
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                ConfusionMatrix m = tally.pairwise(a, b);
                out.add(new PairwiseAlignment(a, b, table.labeler(a).name(), table.labeler(b).name(),
                        Agreement.of(m, options.ties(), 0, 0)));
            }
        }
        return out;
    }

    private HumanCeiling ceiling(int[] humans) {
        if (humans.length < 2) {
            if (humans.length == 1) {
                notes.add("one human labeler: the human ceiling needs at least two");
            }
            return null;
        }
        List<HumanCeiling.HumanAgreement> each = new ArrayList<>();
        ConfusionMatrix pooled = ConfusionMatrix.of(new long[9]);
        for (int h : humans) {
            ConfusionMatrix m = tally.looConfusion(h);
            pooled = pooled.plus(m);
            if (m.total() > 0) {
                each.add(new HumanCeiling.HumanAgreement(h, table.labeler(h).name(), Agreement.of(m, options.ties(),
                        options.resamples(), Bootstrap.derive(options.seed(), h))));
            }
        }
        if (pooled.total() == 0) {
            notes.add("no pair has verdicts from two humans: no human ceiling");
            return null;
        }
        return new HumanCeiling(Agreement.of(pooled, options.ties(), options.resamples(),
                Bootstrap.derive(options.seed(), table.labelerCount())), each);
    }

    private RaterSetStatistic alpha(int[] humans) {
        Double h = humans.length >= 2 ? defined(tally.alphaHumans::alpha) : null;
        Double all = table.labelerCount() >= 2 ? defined(tally.alphaAll::alpha) : null;
        return new RaterSetStatistic(h, humans.length >= 2 ? tally.alphaHumans.pairableUnits() : 0, all,
                table.labelerCount() >= 2 ? tally.alphaAll.pairableUnits() : 0);
    }

    private RaterSetStatistic fleiss(int[] humans) {
        Double h = humans.length >= 2 ? defined(tally.fleissHumans::kappa) : null;
        Double all = table.labelerCount() >= 2 ? defined(tally.fleissAll::kappa) : null;
        return new RaterSetStatistic(h, tally.fleissHumans.units(), all, tally.fleissAll.units());
    }

    private ScalingFit scaling(List<LabelerAlignment> rows) {
        List<ScalingFit.Point> points = new ArrayList<>();
        for (LabelerAlignment r : rows) {
            Double params = r.labeler().params();
            if (!r.labeler().human() && params != null && r.agreement() != null && r.agreement().value() != null) {
                points.add(new ScalingFit.Point(r.name(), params, r.agreement().value()));
            }
        }
        if (points.isEmpty()) {
            return null;
        }
        try {
            return ScalingFit.fit(points);
        } catch (UndefinedMetricException e) {
            notes.add(e.getMessage());
            return null;
        }
    }

    private static Double defined(java.util.function.DoubleSupplier statistic) {
        try {
            return statistic.getAsDouble();
        } catch (UndefinedMetricException e) {
            return null;
        }
    }
}
