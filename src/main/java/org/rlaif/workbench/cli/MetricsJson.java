package org.rlaif.workbench.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rlaif.workbench.metrics.Agreement;
import org.rlaif.workbench.metrics.AlignmentReport;
import org.rlaif.workbench.metrics.Calibration;
import org.rlaif.workbench.metrics.ConfusionMatrix;
import org.rlaif.workbench.metrics.DisputedPair;
import org.rlaif.workbench.metrics.HumanCeiling;
import org.rlaif.workbench.metrics.Interval;
import org.rlaif.workbench.metrics.LabelCodes;
import org.rlaif.workbench.metrics.LabelTable;
import org.rlaif.workbench.metrics.LabelerAlignment;
import org.rlaif.workbench.metrics.PairwiseAlignment;
import org.rlaif.workbench.metrics.RaterSetStatistic;
import org.rlaif.workbench.metrics.Reference;
import org.rlaif.workbench.metrics.ScalingFit;
import org.rlaif.workbench.metrics.SliceReport;

/**
 * The JSON form of {@code metrics --json}: the fields issue 3 names, in its words (fractions in [0,1], null where
 * a figure does not apply), followed by what else a script or a chart needs.
 */
final class MetricsJson {
    private MetricsJson() {
    }

    static Map<String, Object> of(String project, AlignmentReport r, List<SliceReport> slices, int topDisputed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("project", project);
        m.putAll(body(r));
        if (r.verdicts() != null) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("count", r.disputedPairs());
            d.put("ranking", "pairs with at least one A and one B verdict; score = the weaker side's summed"
                    + " confidence |2m - 1| (m = mean P(A), else mean of the hard labels), highest first");
            d.put("top", r.verdicts().disputed(topDisputed).stream().map(p -> disputed(r.verdicts().table(), p)).toList());
            m.put("disputed", d);
        }
        if (slices != null) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("dimension", slices.isEmpty() ? null : slices.get(0).dimension());
            List<Map<String, Object>> groups = new ArrayList<>();
            for (SliceReport slice : slices) {
                Map<String, Object> g = new LinkedHashMap<>();
                g.put("name", slice.group());
                g.putAll(body(slice.report()));
                groups.add(g);
            }
            s.put("groups", groups);
            m.put("slices", s);
        }
        return m;
    }

    private static Map<String, Object> body(AlignmentReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        boolean humansRef = humansReference(r);
        m.put("labelers", r.labelers().stream().map(l -> labeler(l, humansRef)).toList());
        m.put("pairwise", r.pairwise().stream().map(MetricsJson::pairwise).toList());
        m.put("krippendorff_alpha", humansAll(r.krippendorffAlpha().humans(), r.krippendorffAlpha().all()));
        m.put("reference", reference(r));
        m.put("ties", Map.of("policy", r.options().ties().key(), "rule", r.options().ties().rule()));
        m.put("verdict_rule", AlignmentReport.verdictRule());
        m.put("pairs", r.pairs());
        m.put("labels", r.labels());
        m.put("krippendorff_alpha_pairs", humansAll(r.krippendorffAlpha().humansPairs(), r.krippendorffAlpha().allPairs()));
        RaterSetStatistic f = r.fleissKappa();
        m.put("fleiss_kappa", humansAll(f.humans(), f.all()));
        m.put("fleiss_kappa_pairs", humansAll(f.humansPairs(), f.allPairs()));
        m.put("human_ceiling", ceiling(r.humanCeiling()));
        m.put("reference_prefer_longer", r.referencePreferLonger() == null ? null : r.referencePreferLonger().share());
        m.put("reference_prefer_longer_n", r.referencePreferLonger() == null ? 0 : r.referencePreferLonger().n());
        m.put("scaling", scaling(r.scaling()));
        m.put("degenerate_labelers", r.degenerateLabelers());
        m.put("disputed_pairs", r.disputedPairs());
        Map<String, Object> boot = new LinkedHashMap<>();
        boot.put("resamples", r.options().resamples());
        boot.put("seed", r.options().seed());
        boot.put("method", "percentile interval; each resample is a multinomial draw of the pair count over the"
                + " agreement outcomes (full, half, no credit), which equals resampling the pairs");
        m.put("bootstrap", boot);
        m.put("notes", r.notes());
        return m;
    }

    private static Map<String, Object> reference(AlignmentReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.referenceName());
        m.put("kind", r.options().reference().kind().name().toLowerCase(java.util.Locale.ROOT));
        m.put("description", r.referenceDescription());
        m.put("pairs", r.referencePairs());
        return m;
    }

    private static Map<String, Object> labeler(LabelerAlignment l, boolean humansRef) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", l.name());
        m.put("kind", l.labeler().kind());
        m.put("params", l.labeler().params());
        m.put("n_pairs", l.pairs());
        m.put("n_labels", l.labels());
        Agreement a = l.agreement();
        m.put("agreement", a == null ? null : a.value());
        m.put("agreement_ci95", a == null ? null : interval(a.ci95()));
        m.put("cohen_kappa", a == null ? null : a.cohenKappa());
        m.put("self_consistency", l.selfConsistency() == null ? null : l.selfConsistency().value());
        m.put("prefer_longer", l.preferLonger() == null ? null : l.preferLonger().share());
        m.put("position_consistency", l.position() == null ? null : l.position().consistency());
        m.put("ece", l.calibration() == null ? null : l.calibration().ece());
        // beyond the list
        m.put("n_failed", l.failed());
        m.put("compared_with", a == null ? null : l.labeler().human() && humansRef ? "other humans (leave-one-out)" : "reference");
        m.put("n_compared", a == null ? 0 : a.compared());
        m.put("n_agreement", a == null ? 0 : a.used());
        m.put("confusion", a == null ? null : confusion(a.confusion(), "labeler", "reference"));
        m.put("self_consistency_samples", l.selfConsistency() == null ? 0 : l.selfConsistency().considered());
        m.put("self_consistency_skipped", l.selfConsistency() == null ? 0 : l.selfConsistency().skipped());
        m.put("max_samples", l.selfConsistency() == null ? null : l.selfConsistency().maxSamples());
        m.put("prefer_longer_n", l.preferLonger() == null ? 0 : l.preferLonger().n());
        m.put("first_shown_wins", l.position() == null ? null : l.position().firstShownWins());
        m.put("position_pairs", l.position() == null ? 0 : l.position().pairs());
        m.put("calibration", calibration(l.calibration()));
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("A", l.answers().a());
        answers.put("B", l.answers().b());
        answers.put("TIE", l.answers().tie());
        answers.put("first_shown", l.answers().firstShown());
        answers.put("second_shown", l.answers().secondShown());
        m.put("answers", answers);
        m.put("degenerate", l.isDegenerate());
        m.put("degenerate_answer", l.degenerate());
        return m;
    }

    private static Map<String, Object> pairwise(PairwiseAlignment p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", p.firstName());
        m.put("b", p.secondName());
        m.put("n", p.agreement().compared());
        m.put("agreement", p.agreement().value());
        m.put("cohen_kappa", p.agreement().cohenKappa());
        m.put("n_agreement", p.agreement().used());
        m.put("confusion", confusion(p.agreement().confusion(), "a", "b"));
        return m;
    }

    private static Map<String, Object> ceiling(HumanCeiling c) {
        if (c == null) {
            return null;
        }
        Map<String, Object> m = agreement(c.pooled());
        m.put("method", "each human against the majority of the other humans (leave-one-out), pooled over humans");
        m.put("humans", c.humans().stream().map(h -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", h.name());
            o.putAll(agreement(h.agreement()));
            return o;
        }).toList());
        return m;
    }

    private static Map<String, Object> agreement(Agreement a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agreement", a.value());
        m.put("agreement_ci95", interval(a.ci95()));
        m.put("cohen_kappa", a.cohenKappa());
        m.put("n", a.compared());
        m.put("n_agreement", a.used());
        return m;
    }

    private static Map<String, Object> scaling(ScalingFit s) {
        if (s == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("points", s.points().stream().map(p -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", p.name());
            o.put("params", p.params());
            o.put("log10_params", p.log10Params());
            o.put("agreement", p.agreement());
            return o;
        }).toList());
        m.put("slope", s.slope());
        m.put("slope_ci95", interval(s.slopeCi95()));
        m.put("intercept", s.intercept());
        m.put("r2", s.r2());
        m.put("model", "agreement = intercept + slope * log10(params), least squares; interval from Student's t");
        return m;
    }

    private static Map<String, Object> calibration(Calibration c) {
        if (c == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", c.n());
        m.put("ece", c.ece());
        m.put("bins", c.bins().stream().map(b -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("lo", b.lo());
            o.put("hi", b.hi());
            o.put("count", b.count());
            o.put("mean_p_a", b.meanPredicted());
            o.put("a_won", b.observedFrequency());
            return o;
        }).toList());
        return m;
    }

    private static Map<String, Object> confusion(ConfusionMatrix c, String rows, String columns) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", rows);
        m.put("columns", columns);
        m.put("order", List.of("A", "B", "TIE"));
        List<List<Long>> counts = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            counts.add(List.of(c.count(r, 0), c.count(r, 1), c.count(r, 2)));
        }
        m.put("counts", counts);
        return m;
    }

    private static Map<String, Object> disputed(LabelTable t, DisputedPair p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pair_id", p.pairId());
        m.put("score", p.score());
        m.put("A", names(t, p.forA()));
        m.put("B", names(t, p.forB()));
        m.put("TIE", names(t, p.forTie()));
        m.put("reference", p.reference() == LabelCodes.NONE ? null : LabelCodes.choiceName(p.reference()));
        return m;
    }

    private static List<String> names(LabelTable t, int[] labelers) {
        List<String> out = new ArrayList<>(labelers.length);
        for (int l : labelers) {
            out.add(t.labeler(l).name());
        }
        return out;
    }

    private static List<Double> interval(Interval i) {
        return i == null ? null : List.of(i.lo(), i.hi());
    }

    private static Map<String, Object> humansAll(Object humans, Object all) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("humans", humans);
        m.put("all", all);
        return m;
    }

    static boolean humansReference(AlignmentReport r) {
        return r.options().reference().kind() == Reference.Kind.HUMANS;
    }
}
