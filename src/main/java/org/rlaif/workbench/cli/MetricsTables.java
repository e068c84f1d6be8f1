package org.rlaif.workbench.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.rlaif.workbench.metrics.Agreement;
import org.rlaif.workbench.metrics.AlignmentReport;
import org.rlaif.workbench.metrics.DisputedPair;
import org.rlaif.workbench.metrics.HumanCeiling;
import org.rlaif.workbench.metrics.Interval;
import org.rlaif.workbench.metrics.LabelTable;
import org.rlaif.workbench.metrics.LabelerAlignment;
import org.rlaif.workbench.metrics.PairwiseAlignment;
import org.rlaif.workbench.metrics.RaterSetStatistic;
import org.rlaif.workbench.metrics.ScalingFit;
import org.rlaif.workbench.metrics.SliceReport;

/** The readable forms of {@code metrics}: a terminal table, and the paper-style markdown table. */
final class MetricsTables {
    private static final String DASH = "-";

    private MetricsTables() {
    }

    static void text(PrintWriter out, String project, AlignmentReport r, List<SliceReport> slices, int topDisputed) {
        out.printf("%s: %,d pairs, %,d labels in force%n", project, r.pairs(), r.labels());
        out.printf("reference: %s (%,d pairs)%n", r.referenceDescription(), r.referencePairs());
        out.printf("ties: %s (%s)%n", r.options().ties().key(), r.options().ties().rule());
        out.printf("verdicts: %s%n", AlignmentReport.verdictRule());
        if (r.options().resamples() > 0) {
            out.printf("95%% intervals: percentile bootstrap, %,d resamples, seed %d%n", r.options().resamples(), r.options().seed());
        }
        out.println();
        body(out, r);
        if (r.verdicts() != null && r.disputedPairs() > 0 && topDisputed > 0) {
            out.println();
            out.printf("disputed pairs (an A and a B verdict): %,d; the most confident disagreement first:%n", r.disputedPairs());
            LabelTable t = r.verdicts().table();
            for (DisputedPair p : r.verdicts().disputed(topDisputed)) {
                out.printf("  #%-8d score %.2f   A: %s   B: %s%s%n", p.pairId(), p.score(), names(t, p.forA()),
                        names(t, p.forB()), p.forTie().length == 0 ? "" : "   tie: " + names(t, p.forTie()));
            }
        }
        if (slices != null) {
            for (SliceReport s : slices) {
                out.println();
                out.printf("== %s = %s: %,d pairs, %,d with a reference ==%n", s.dimension(), s.group(),
                        s.report().pairs(), s.report().referencePairs());
                body(out, s.report());
            }
        }
        if (!r.notes().isEmpty()) {
            out.println();
            out.println("notes:");
            r.notes().forEach(n -> out.println("  - " + n));
        }
    }

    private static void body(PrintWriter out, AlignmentReport r) {
        int width = Math.max(12, r.labelers().stream().mapToInt(l -> l.name().length()).max().orElse(12));
        String head = "%-" + width + "s %-6s %7s %8s %8s %6s  %-6s %-15s %6s %6s %6s %6s %6s %6s  %s%n";
        out.printf(head, "labeler", "kind", "params", "pairs", "labels", "failed", "agree", "95% CI", "kappa",
                "selfc", "longer", "posc", "first", "ECE", "");
        for (LabelerAlignment l : r.labelers()) {
            Agreement a = l.agreement();
            out.printf(head, l.name(), kind(l.labeler().kind()), params(l.labeler().params()), count(l.pairs()),
                    count(l.labels()), count(l.failed()), f3(a == null ? null : a.value()),
                    ci(a == null ? null : a.ci95()), f3(a == null ? null : a.cohenKappa()),
                    f3(l.selfConsistency() == null ? null : l.selfConsistency().value()),
                    f3(l.preferLonger() == null ? null : l.preferLonger().share()),
                    f3(l.position() == null ? null : l.position().consistency()),
                    f3(l.position() == null ? null : l.position().firstShownWins()),
                    f3(l.calibration() == null ? null : l.calibration().ece()),
                    l.isDegenerate() ? "always " + l.degenerate() + "!" : "");
        }
        out.println("(agree: with the reference; selfc: self-consistency; longer: prefer_longer; posc: position"
                + " consistency; first: first-shown wins; - : does not apply)");
        out.println();
        HumanCeiling c = r.humanCeiling();
        if (c != null) {
            out.printf("human ceiling (each human vs the majority of the others, pooled): %s %s, kappa %s, n %,d%n",
                    f3(c.pooled().value()), ci(c.pooled().ci95()), f3(c.pooled().cohenKappa()), c.pooled().compared());
        }
        if (r.referencePreferLonger() != null) {
            out.printf("the reference chooses the longer response (by more than %d characters): %s of %,d pairs%n",
                    r.options().lengthMargin(), f3(r.referencePreferLonger().share()), r.referencePreferLonger().n());
        }
        RaterSetStatistic alpha = r.krippendorffAlpha();
        RaterSetStatistic fleiss = r.fleissKappa();
        out.printf("Krippendorff's alpha (nominal): humans %s (%,d pairs), all labelers %s (%,d pairs)%n",
                f3(alpha.humans()), alpha.humansPairs(), f3(alpha.all()), alpha.allPairs());
        out.printf("Fleiss' kappa (pairs every labeler of the set labeled): humans %s (%,d pairs), all labelers %s (%,d pairs)%n",
                f3(fleiss.humans()), fleiss.humansPairs(), f3(fleiss.all()), fleiss.allPairs());
        ScalingFit s = r.scaling();
        if (s != null) {
            out.printf("scaling: agreement = %.3f %+.3f x log10(params) over %d labelers; slope 95%% CI %s; r2 %s%n",
                    s.intercept(), s.slope(), s.points().size(), ci(s.slopeCi95()), f3(s.r2()));
        }
        if (!r.pairwise().isEmpty()) {
            out.println("pairwise (pairs both labeled):");
            for (PairwiseAlignment p : r.pairwise()) {
                out.printf("  %-" + width + "s vs %-" + width + "s  n %8s  agree %s  kappa %s%n", p.firstName(),
                        p.secondName(), count(p.agreement().compared()), f3(p.agreement().value()),
                        f3(p.agreement().cohenKappa()));
            }
        }
    }

    /** Paper-style: the audited labelers (by size), the human ceiling, then each human against the others. */
    static void markdown(PrintWriter out, AlignmentReport r, List<SliceReport> slices) {
        table(out, r);
        if (slices != null) {
            for (SliceReport s : slices) {
                out.println();
                out.printf("**%s = %s** (%,d pairs)%n%n", s.dimension(), s.group(), s.report().pairs());
                table(out, s.report());
            }
        }
    }

    private static void table(PrintWriter out, AlignmentReport r) {
        String refName = MetricsJson.humansReference(r) ? "humans" : r.referenceName();
        out.printf("| Labeler | Kind | Params | Pairs | Agreement with %s | 95%% CI | Cohen's κ |%n", refName);
        out.println("|---|---|---:|---:|---:|---:|---:|");
        List<LabelerAlignment> audited = new ArrayList<>();
        List<LabelerAlignment> humans = new ArrayList<>();
        for (LabelerAlignment l : r.labelers()) {
            (l.labeler().human() ? humans : audited).add(l);
        }
        audited.sort(Comparator.comparing((LabelerAlignment l) -> l.labeler().params(),
                Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(LabelerAlignment::name));
        for (LabelerAlignment l : audited) {
            row(out, l.name() + (l.isDegenerate() ? " (always " + l.degenerate() + ")" : ""), kind(l.labeler().kind()),
                    params(l.labeler().params()), l.agreement());
        }
        HumanCeiling c = r.humanCeiling();
        if (c != null) {
            row(out, "**Human ceiling** (leave-one-out)", "", "", c.pooled());
            for (HumanCeiling.HumanAgreement h : c.humans()) {
                row(out, h.name() + " vs other humans", "HUMAN", "", h.agreement());
            }
        } else {
            for (LabelerAlignment h : humans) {
                row(out, h.name(), "HUMAN", "", h.agreement());
            }
        }
        out.println();
        out.printf("Pairs: the pairs each agreement is over (for the ceiling, every human's comparisons together)."
                + " Reference: %s. Ties: %s. %s.%s%n", r.referenceDescription(), r.options().ties().rule(),
                capitalise(AlignmentReport.verdictRule()), r.options().resamples() > 0
                        ? String.format(Locale.ROOT, " 95%% CI: percentile bootstrap, %,d resamples, seed %d.",
                        r.options().resamples(), r.options().seed()) : "");
    }

    private static void row(PrintWriter out, String name, String kind, String params, Agreement a) {
        out.printf("| %s | %s | %s | %s | %s | %s | %s |%n", name, kind, params,
                a == null ? DASH : String.format(Locale.ROOT, "%,d", a.used()),
                a == null || a.value() == null ? DASH : pct(a.value()),
                a == null || a.ci95() == null ? DASH : String.format(Locale.ROOT, "[%.1f, %.1f]", 100 * a.ci95().lo(), 100 * a.ci95().hi()),
                a == null || a.cohenKappa() == null ? DASH : String.format(Locale.ROOT, "%.3f", a.cohenKappa()));
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String params(Double p) {
        if (p == null) {
            return DASH;
        }
        String[] units = {"", "K", "M", "B", "T"};
        double v = p;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        String num = v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3g", v);
        if (num.contains(".")) {
            num = num.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return num + units[u];
    }

    private static String kind(String kind) {
        return kind.equals("REWARD_MODEL") ? "RM" : kind.equals("POLICY_JUDGE") ? "POLICY" : kind;
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String f3(Double v) {
        return v == null ? DASH : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    private static String ci(Interval i) {
        return i == null ? DASH : String.format(Locale.ROOT, "[%.3f, %.3f]", i.lo(), i.hi());
    }

    private static String names(LabelTable t, int[] labelers) {
        List<String> out = new ArrayList<>();
        for (int l : labelers) {
            out.add(t.labeler(l).name());
        }
        return String.join(", ", out);
    }
}
