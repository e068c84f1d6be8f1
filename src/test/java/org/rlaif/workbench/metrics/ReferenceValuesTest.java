package org.rlaif.workbench.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every figure of the report against values computed independently in Python (scikit-learn, statsmodels, scipy,
 * Krippendorff's alpha from its definition) by {@code src/test/python/metrics_fixtures.py}.
 */
class ReferenceValuesTest {
    private static final double EXACT = 1e-12;
    /** The Java interval resamples table counts; the Python one resamples pairs. Both are Monte Carlo estimates. */
    private static final double BOOTSTRAP = 0.02;

    @TestFactory
    Stream<DynamicTest> syntheticCases() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : List.of("mixed", "ai-only")) {
            JsonNode c = MetricsFixtures.testCase(name);
            LabelTable table = MetricsFixtures.table(c);
            for (JsonNode expected : c.get("expected")) {
                tests.add(DynamicTest.dynamicTest(name + " vs " + expected.get("reference").asText() + ", ties "
                        + expected.get("ties").asText(), () -> check(table, expected)));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> pandalmFromTheUpstreamFiles() {
        assumeTrue(Files.isDirectory(MetricsFixtures.datasets().resolve("pandalm")), "PandaLM data not present");
        LabelTable table = MetricsFixtures.pandalm(new ArrayList<>());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode expected : MetricsFixtures.testCase("pandalm").get("expected")) {
            tests.add(DynamicTest.dynamicTest("pandalm, ties " + expected.get("ties").asText(), () -> check(table, expected)));
        }
        return tests.stream();
    }

    @Test
    void pandalmSlicedByTheModelsCompared() {
        assumeTrue(Files.isDirectory(MetricsFixtures.datasets().resolve("pandalm")), "PandaLM data not present");
        List<String> keys = new ArrayList<>();
        LabelTable table = MetricsFixtures.pandalm(keys);
        List<String> names = keys.stream().distinct().sorted().toList();
        int[] groupOf = keys.stream().mapToInt(names::indexOf).toArray();
        PairGroups groups = new PairGroups("meta:cmp_key", names, groupOf);
        List<SliceReport> slices = AlignmentReport.slices(table, groups, ReportOptions.defaults());
        JsonNode expected = MetricsFixtures.testCase("pandalm").get("slices_by_cmp_key");
        assertThat(slices).hasSize(expected.size());
        for (SliceReport s : slices) {
            JsonNode e = expected.get(s.group());
            assertThat(s.report().pairs()).isEqualTo(e.get("pairs").asInt());
            for (Iterator<Map.Entry<String, JsonNode>> it = e.get("agreement").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> a = it.next();
                assertThat(s.report().labeler(a.getKey()).agreement().value())
                        .as(s.group() + " " + a.getKey()).isCloseTo(a.getValue().asDouble(), within(EXACT));
            }
            assertThat(s.report().krippendorffAlpha().humans()).isCloseTo(e.get("alpha_humans").asDouble(), within(EXACT));
        }
    }

    static void check(LabelTable table, JsonNode e) {
        AlignmentReport r = AlignmentReport.compute(table, MetricsFixtures.options(table, e));
        assertThat(r.referencePairs()).as("reference pairs").isEqualTo(e.get("reference_pairs").asLong());
        for (Iterator<Map.Entry<String, JsonNode>> it = e.get("labelers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            checkLabeler(r.labeler(entry.getKey()), entry.getValue());
        }
        for (JsonNode pw : e.get("pairwise")) {
            int a = table.labelerIndex(pw.get("a").asText());
            int b = table.labelerIndex(pw.get("b").asText());
            Agreement ag = r.pairwise(a, b).agreement();
            String what = "pairwise " + pw.get("a").asText() + "/" + pw.get("b").asText();
            assertThat(ag.compared()).as(what + " n").isEqualTo(pw.get("n").asLong());
            assertThat(ag.used()).as(what + " used").isEqualTo(pw.get("used").asLong());
            assertThat(ag.confusion().toArray()).as(what + " confusion").containsExactly(longs(pw.get("confusion")));
            close(ag.value(), pw.get("agreement"), what + " agreement");
            close(ag.cohenKappa(), pw.get("kappa"), what + " kappa");
        }
        close(r.krippendorffAlpha().humans(), e.get("alpha").get("humans"), "alpha humans");
        close(r.krippendorffAlpha().all(), e.get("alpha").get("all"), "alpha all");
        assertThat(r.krippendorffAlpha().allPairs()).isEqualTo(e.get("alpha").get("all_pairs").asLong());
        assertThat(r.krippendorffAlpha().humansPairs()).isEqualTo(e.get("alpha").get("humans_pairs").asLong());
        close(r.fleissKappa().humans(), e.get("fleiss").get("humans"), "fleiss humans");
        close(r.fleissKappa().all(), e.get("fleiss").get("all"), "fleiss all");
        assertThat(r.fleissKappa().allPairs()).isEqualTo(e.get("fleiss").get("all_pairs").asLong());
        assertThat(r.fleissKappa().humansPairs()).isEqualTo(e.get("fleiss").get("humans_pairs").asLong());
        JsonNode ceiling = e.get("ceiling");
        if (ceiling.isNull()) {
            assertThat(r.humanCeiling()).isNull();
        } else {
            Agreement pooled = r.humanCeiling().pooled();
            close(pooled.value(), ceiling.get("agreement"), "ceiling");
            close(pooled.cohenKappa(), ceiling.get("kappa"), "ceiling kappa");
            assertThat(pooled.compared()).isEqualTo(ceiling.get("compared").asLong());
            interval(pooled.ci95(), ceiling.get("ci_naive"), pooled.value(), "ceiling ci");
            for (HumanCeiling.HumanAgreement h : r.humanCeiling().humans()) {
                close(h.agreement().value(), ceiling.get("humans").get(h.name()), "ceiling " + h.name());
            }
        }
        close(r.referencePreferLonger() == null ? null : r.referencePreferLonger().share(),
                e.get("reference_prefer_longer"), "reference prefer_longer");
        JsonNode scaling = e.get("scaling");
        if (scaling.isNull()) {
            assertThat(r.scaling()).isNull();
        } else {
            close(r.scaling().slope(), scaling.get("slope"), "slope");
            close(r.scaling().intercept(), scaling.get("intercept"), "intercept");
            close(r.scaling().r2(), scaling.get("r2"), "r2");
            if (scaling.get("slope_ci95").isNull()) {
                assertThat(r.scaling().slopeCi95()).isNull();
            } else {
                assertThat(r.scaling().slopeCi95().lo()).isCloseTo(scaling.get("slope_ci95").get(0).asDouble(), within(1e-9));
                assertThat(r.scaling().slopeCi95().hi()).isCloseTo(scaling.get("slope_ci95").get(1).asDouble(), within(1e-9));
            }
        }
        assertThat(r.disputedPairs()).as("disputed").isEqualTo(e.get("disputed").asLong());
        List<DisputedPair> top = r.verdicts().disputed(20);
        assertThat(top.stream().mapToLong(DisputedPair::pairId).toArray()).as("review queue")
                .containsExactly(longs(e.get("top_disputed")));
        for (int i = 0; i < top.size(); i++) {
            assertThat(top.get(i).score()).isCloseTo(e.get("top_disputed_scores").get(i).asDouble(), within(1e-6));
        }
    }

    private static void checkLabeler(LabelerAlignment row, JsonNode e) {
        String n = row.name() + " ";
        assertThat(row.pairs()).as(n + "pairs").isEqualTo(e.get("pairs").asLong());
        assertThat(row.labels()).as(n + "labels").isEqualTo(e.get("labels").asLong());
        assertThat(row.failed()).as(n + "failed").isEqualTo(e.get("failed").asLong());
        AnswerCounts a = row.answers();
        assertThat(new long[] {a.a(), a.b(), a.tie(), a.firstShown(), a.secondShown()}).as(n + "answers")
                .containsExactly(longs(e.get("answers")));
        assertThat(row.degenerate()).as(n + "degenerate").isEqualTo(e.get("degenerate").isNull() ? null : e.get("degenerate").asText());
        JsonNode ag = e.get("agreement");
        if (ag.isNull()) {
            assertThat(row.agreement()).as(n + "agreement").isNull();
        } else {
            Agreement got = row.agreement();
            assertThat(got.compared()).as(n + "compared").isEqualTo(ag.get("compared").asLong());
            assertThat(got.used()).as(n + "used").isEqualTo(ag.get("used").asLong());
            assertThat(got.confusion().toArray()).as(n + "confusion").containsExactly(longs(ag.get("confusion")));
            close(got.value(), ag.get("agreement"), n + "agreement");
            close(got.cohenKappa(), ag.get("kappa"), n + "kappa");
            interval(got.ci95(), ag.get("ci_naive"), got.value(), n + "ci");
        }
        close(row.selfConsistency() == null ? null : row.selfConsistency().value(), e.get("self_consistency"), n + "self_consistency");
        if (row.selfConsistency() != null) {
            assertThat(row.selfConsistency().considered()).isEqualTo(e.get("self_consistency_considered").asLong());
            assertThat(row.selfConsistency().skipped()).isEqualTo(e.get("self_consistency_skipped").asLong());
        }
        close(row.preferLonger() == null ? null : row.preferLonger().share(), e.get("prefer_longer"), n + "prefer_longer");
        if (row.preferLonger() != null) {
            assertThat(row.preferLonger().n()).isEqualTo(e.get("prefer_longer_n").asLong());
        }
        close(row.position() == null ? null : row.position().consistency(), e.get("position_consistency"), n + "position");
        close(row.position() == null ? null : row.position().firstShownWins(), e.get("first_shown_wins"), n + "first wins");
        close(row.calibration() == null ? null : row.calibration().ece(), e.get("ece"), n + "ece");
        if (row.calibration() != null) {
            JsonNode bins = e.get("calibration_bins");
            for (int b = 0; b < bins.size(); b++) {
                Calibration.ReliabilityBin bin = row.calibration().bins().get(b);
                assertThat(bin.count()).isEqualTo(bins.get(b).get(0).asLong());
                close(bin.meanPredicted(), bins.get(b).get(1), n + "bin " + b + " predicted");
                close(bin.observedFrequency(), bins.get(b).get(2), n + "bin " + b + " observed");
            }
        }
    }

    private static void close(Double actual, JsonNode expected, String what) {
        if (expected == null || expected.isNull()) {
            assertThat(actual).as(what).isNull();
        } else {
            assertThat(actual).as(what).isNotNull();
            assertThat(actual).as(what).isCloseTo(expected.asDouble(), within(EXACT));
        }
    }

    private static void interval(Interval ci, JsonNode naive, Double value, String what) {
        if (naive == null || naive.isNull()) {
            return;
        }
        assertThat(ci).as(what).isNotNull();
        assertThat(ci.contains(value)).as(what + " contains the estimate").isTrue();
        assertThat(ci.lo()).as(what + " lo").isCloseTo(naive.get(0).asDouble(), within(BOOTSTRAP));
        assertThat(ci.hi()).as(what + " hi").isCloseTo(naive.get(1).asDouble(), within(BOOTSTRAP));
    }

    private static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }
}
