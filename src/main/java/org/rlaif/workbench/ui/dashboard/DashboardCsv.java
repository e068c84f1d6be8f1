package org.rlaif.workbench.ui.dashboard;

import java.util.List;
import java.util.Locale;
import org.rlaif.workbench.metrics.AlignmentReport;
import org.rlaif.workbench.metrics.Calibration;
import org.rlaif.workbench.metrics.LabelCodes;
import org.rlaif.workbench.metrics.LabelerAlignment;
import org.rlaif.workbench.metrics.PairwiseAlignment;
import org.rlaif.workbench.metrics.ScalingFit;

/** The data behind each dashboard chart as CSV (RFC 4180, one header row), so a figure can be redrawn elsewhere. */
public final class DashboardCsv {
    private DashboardCsv() {
    }

    public static String agreement(AlignmentReport r) {
        StringBuilder b = new StringBuilder(row("labeler", "kind", "params", "pairs", "agreement", "ci95_lo", "ci95_hi",
                "cohen_kappa", "reference", "ties", "human_ceiling"));
        Double ceiling = r.humanCeiling() == null ? null : r.humanCeiling().pooled().value();
        for (LabelerAlignment l : r.labelers()) {
            var a = l.agreement();
            b.append(row(l.name(), l.labeler().kind(), l.labeler().params(), l.pairs(), a == null ? null : a.value(),
                    a == null || a.ci95() == null ? null : a.ci95().lo(), a == null || a.ci95() == null ? null : a.ci95().hi(),
                    a == null ? null : a.cohenKappa(), r.referenceName(), r.options().ties().key(), ceiling));
        }
        return b.toString();
    }

    public static String scaling(AlignmentReport r) {
        StringBuilder b = new StringBuilder(row("labeler", "params", "log10_params", "agreement", "fit_slope",
                "fit_intercept", "fit_slope_ci95_lo", "fit_slope_ci95_hi", "fit_r2"));
        ScalingFit fit = r.scaling();
        if (fit == null) {
            return b.toString();
        }
        for (ScalingFit.Point p : fit.points()) {
            b.append(row(p.name(), p.params(), p.log10Params(), p.agreement(), fit.slope(), fit.intercept(),
                    fit.slopeCi95() == null ? null : fit.slopeCi95().lo(),
                    fit.slopeCi95() == null ? null : fit.slopeCi95().hi(), fit.r2()));
        }
        return b.toString();
    }

    public static String pairwise(AlignmentReport r) {
        StringBuilder b = new StringBuilder(row("first", "second", "pairs", "agreement", "cohen_kappa"));
        for (PairwiseAlignment p : r.pairwise()) {
            b.append(row(p.firstName(), p.secondName(), p.agreement().compared(), p.agreement().value(),
                    p.agreement().cohenKappa()));
        }
        return b.toString();
    }

    public static String confusion(AlignmentReport r) {
        StringBuilder b = new StringBuilder(row("labeler", "labeler_verdict", "reference_verdict", "pairs"));
        for (LabelerAlignment l : r.labelers()) {
            if (l.agreement() == null) {
                continue;
            }
            for (int x = 0; x < 3; x++) {
                for (int y = 0; y < 3; y++) {
                    b.append(row(l.name(), LabelCodes.choiceName(x), LabelCodes.choiceName(y),
                            l.agreement().confusion().count(x, y)));
                }
            }
        }
        return b.toString();
    }

    public static String calibration(AlignmentReport r) {
        StringBuilder b = new StringBuilder(row("labeler", "bin_lo", "bin_hi", "pairs", "mean_predicted_p_a",
                "observed_a_share", "ece"));
        for (LabelerAlignment l : r.labelers()) {
            Calibration c = l.calibration();
            if (c == null) {
                continue;
            }
            for (Calibration.ReliabilityBin bin : c.bins()) {
                b.append(row(l.name(), bin.lo(), bin.hi(), bin.count(), bin.meanPredicted(), bin.observedFrequency(),
                        c.ece()));
            }
        }
        return b.toString();
    }

    public static String bias(AlignmentReport r) {
        StringBuilder b = new StringBuilder(row("labeler", "prefer_longer", "prefer_longer_pairs",
                "reference_prefer_longer", "position_consistency", "first_shown_wins", "position_pairs",
                "self_consistency"));
        Double ref = r.referencePreferLonger() == null ? null : r.referencePreferLonger().share();
        for (LabelerAlignment l : r.labelers()) {
            b.append(row(l.name(), l.preferLonger() == null ? null : l.preferLonger().share(),
                    l.preferLonger() == null ? null : l.preferLonger().n(), ref,
                    l.position() == null ? null : l.position().consistency(),
                    l.position() == null ? null : l.position().firstShownWins(),
                    l.position() == null ? null : l.position().pairs(),
                    l.selfConsistency() == null ? null : l.selfConsistency().value()));
        }
        return b.toString();
    }

    static String row(Object... cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(cell(cells[i]));
        }
        return b.append("\r\n").toString();
    }

    private static String cell(Object v) {
        if (v == null) {
            return "";
        }
        String s = v instanceof Double d ? (d.isNaN() ? "" : String.format(Locale.ROOT, "%.6g", d)) : v.toString();
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    /** Every chart's data, by file name. */
    public static List<String[]> all(AlignmentReport r) {
        return List.of(new String[] {"agreement.csv", agreement(r)}, new String[] {"scaling.csv", scaling(r)},
                new String[] {"pairwise-kappa.csv", pairwise(r)}, new String[] {"confusion.csv", confusion(r)},
                new String[] {"calibration.csv", calibration(r)}, new String[] {"bias.csv", bias(r)});
    }
}
