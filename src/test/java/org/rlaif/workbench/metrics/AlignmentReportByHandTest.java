package org.rlaif.workbench.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The report on tables small enough to work out by hand. */
class AlignmentReportByHandTest {
    private static final byte A = LabelCodes.A;
    private static final byte B = LabelCodes.B;
    private static final byte T = LabelCodes.TIE;
    private static final byte N = LabelCodes.NONE;
    private static final byte UNKNOWN = LabelCodes.ORDER_UNKNOWN;
    private static final byte AB = LabelCodes.ORDER_AB;
    private static final byte BA = LabelCodes.ORDER_BA;

    private static LabelerInfo human(String name) {
        return new LabelerInfo(name, "HUMAN", null);
    }

    private static LabelerInfo ai(String name, Double params) {
        return new LabelerInfo(name, "AI", params);
    }

    private static LabelTable.Builder table(int pairs, LabelerInfo... labelers) {
        LabelTable.Builder b = LabelTable.builder(List.of(labelers));
        for (int p = 0; p < pairs; p++) {
            b.addPair(100 + p, 100, 100, "helpfulness", "test", "test");
        }
        return b;
    }

    private static AlignmentReport report(LabelTable t) {
        return AlignmentReport.compute(t, ReportOptions.defaults());
    }

    @Test
    void emptyInputIsAClearError() {
        LabelTable noPairs = LabelTable.builder(List.of(human("h"))).build();
        assertThatThrownBy(() -> report(noPairs)).isInstanceOf(UndefinedMetricException.class)
                .hasMessageContaining("no pairs");
        LabelTable noLabels = table(3, human("h")).build();
        assertThatThrownBy(() -> report(noLabels)).isInstanceOf(UndefinedMetricException.class)
                .hasMessageContaining("no labels");
    }

    @Test
    void tiesCountHalfOrAreExcluded() {
        // pairs: human A, A, B, TIE; judge A, TIE, A, TIE
        LabelTable t = table(4, human("h"), ai("judge", null))
                .addLabel(0, 0, 0, UNKNOWN, A, Double.NaN).addLabel(0, 1, 0, UNKNOWN, A, Double.NaN)
                .addLabel(1, 0, 0, UNKNOWN, A, Double.NaN).addLabel(1, 1, 0, UNKNOWN, T, Double.NaN)
                .addLabel(2, 0, 0, UNKNOWN, B, Double.NaN).addLabel(2, 1, 0, UNKNOWN, A, Double.NaN)
                .addLabel(3, 0, 0, UNKNOWN, T, Double.NaN).addLabel(3, 1, 0, UNKNOWN, T, Double.NaN)
                .build();
        Agreement half = report(t).labeler("judge").agreement();
        assertThat(half.value()).isEqualTo((1 + 0.5 + 0 + 1) / 4);
        assertThat(half.compared()).isEqualTo(4);
        Agreement exclude = AlignmentReport.compute(t, ReportOptions.defaults().withTies(TiePolicy.EXCLUDE))
                .labeler("judge").agreement();
        assertThat(exclude.value()).isEqualTo(0.5); // pairs 0 (agree) and 2 (disagree)
        assertThat(exclude.used()).isEqualTo(2);
        // one human: no ceiling, and the human has no one to be compared with
        AlignmentReport r = report(t);
        assertThat(r.humanCeiling()).isNull();
        assertThat(r.labeler("h").agreement()).isNull();
        assertThat(r.notes()).anyMatch(n -> n.contains("one human labeler"));
    }

    @Test
    void missingLabelsOnlyCountWhereBothLabeled() {
        LabelTable t = table(3, human("h1"), human("h2"), ai("judge", null))
                .addLabel(0, 0, 0, UNKNOWN, A, Double.NaN)
                .addLabel(1, 1, 0, UNKNOWN, B, Double.NaN)
                .addLabel(0, 2, 0, UNKNOWN, A, Double.NaN).addLabel(1, 2, 0, UNKNOWN, A, Double.NaN)
                .addLabel(2, 2, 0, UNKNOWN, B, Double.NaN)
                .build();
        AlignmentReport r = report(t);
        assertThat(r.referencePairs()).isEqualTo(2);
        assertThat(r.labeler("judge").agreement().compared()).isEqualTo(2);
        assertThat(r.labeler("judge").agreement().value()).isEqualTo(0.5);
        assertThat(r.labeler("judge").pairs()).isEqualTo(3);
        // the humans never labeled the same pair: no ceiling, no pairwise comparison between them
        assertThat(r.humanCeiling()).isNull();
        assertThat(r.pairwise(0, 1).agreement().compared()).isZero();
        assertThat(r.pairwise(0, 1).agreement().value()).isNull();
        assertThat(r.krippendorffAlpha().humans()).isNull();
    }

    @Test
    void aSingleClassHasAgreementButNoKappa() {
        LabelTable.Builder b = table(5, human("h1"), human("h2"), ai("always-a", null));
        for (int p = 0; p < 5; p++) {
            for (int l = 0; l < 3; l++) {
                b.addLabel(p, l, 0, UNKNOWN, A, Double.NaN);
            }
        }
        AlignmentReport r = report(b.build());
        Agreement a = r.labeler("always-a").agreement();
        assertThat(a.value()).isEqualTo(1.0);
        assertThat(a.cohenKappa()).isNull();
        assertThat(a.ci95()).isEqualTo(new Interval(1, 1));
        assertThat(r.krippendorffAlpha().all()).isNull();
        assertThat(r.fleissKappa().all()).isNull();
        assertThat(r.notes()).anyMatch(n -> n.contains("chance agreement 1"));
        assertThat(r.labeler("always-a").degenerate()).isNull(); // 5 labels are too few to call it degenerate
    }

    @Test
    void aJudgeThatAlwaysSaysAIsFlagged() {
        LabelTable.Builder b = table(12, human("h"), ai("claude", null), ai("first", null));
        for (int p = 0; p < 12; p++) {
            b.addLabel(p, 0, 0, UNKNOWN, p % 3 == 0 ? B : A, Double.NaN);
            b.addLabel(p, 1, 0, UNKNOWN, A, Double.NaN);
            b.addLabel(p, 2, 0, p % 2 == 0 ? AB : BA, p % 2 == 0 ? A : B, Double.NaN);
        }
        AlignmentReport r = report(b.build());
        assertThat(r.labeler("claude").degenerate()).isEqualTo("A");
        assertThat(r.labeler("first").degenerate()).isEqualTo("the first shown");
        assertThat(r.labeler("h").degenerate()).isNull();
        assertThat(r.degenerateLabelers()).containsExactly("claude", "first");
    }

    @Test
    void bothOrdersAreAveragedAndMeasureThePositionBias() {
        // pair 0: A in both orders (consistent); pair 1: A when A first, B when B first (follows position)
        LabelTable t = table(2, human("h"), ai("judge", null))
                .addLabel(0, 0, 0, UNKNOWN, A, Double.NaN).addLabel(1, 0, 0, UNKNOWN, A, Double.NaN)
                .addLabel(0, 1, 0, AB, A, Double.NaN).addLabel(0, 1, 0, BA, A, Double.NaN)
                .addLabel(1, 1, 0, AB, A, Double.NaN).addLabel(1, 1, 0, BA, B, Double.NaN)
                .build();
        AlignmentReport r = report(t);
        LabelerAlignment judge = r.labeler("judge");
        assertThat(judge.position().pairs()).isEqualTo(2);
        assertThat(judge.position().consistency()).isEqualTo(0.5);
        // first shown chosen: pair 0 AB->A yes, BA->A no; pair 1 AB->A yes, BA->B yes: 3 of 4
        assertThat(judge.position().firstShownWins()).isEqualTo(0.75);
        // the flip on pair 1 averages to a tie: half credit against the human's A
        assertThat(r.verdicts().verdict(1, 1)).isEqualTo(T);
        assertThat(r.verdicts().pairsFlippedBySwap(1)).containsExactly(101);
        assertThat(r.verdicts().pairsFlippedBySwap(0)).isEmpty();
        assertThat(judge.agreement().value()).isEqualTo(0.75);
        assertThat(judge.labels()).isEqualTo(4);
        assertThat(judge.pairs()).isEqualTo(2);
    }

    @Test
    void selfConsistencySkipsSamplesWhoseSiblingsTie() {
        // pair 0: samples A, A, B -> each A's siblings {A, B} tie (skipped); B's siblings {A, A} -> mode A (inconsistent)
        // pair 1: samples A, A, A -> all consistent; pair 2: samples A, B -> each compared with the other: inconsistent
        LabelTable t = table(3, ai("judge", null))
                .addLabel(0, 0, 0, UNKNOWN, A, Double.NaN).addLabel(0, 0, 1, UNKNOWN, A, Double.NaN)
                .addLabel(0, 0, 2, UNKNOWN, B, Double.NaN)
                .addLabel(1, 0, 0, UNKNOWN, A, Double.NaN).addLabel(1, 0, 1, UNKNOWN, A, Double.NaN)
                .addLabel(1, 0, 2, UNKNOWN, A, Double.NaN)
                .addLabel(2, 0, 0, UNKNOWN, A, Double.NaN).addLabel(2, 0, 1, UNKNOWN, B, Double.NaN)
                .build();
        SelfConsistency sc = report(t).labeler("judge").selfConsistency();
        assertThat(sc.skipped()).isEqualTo(2);
        assertThat(sc.considered()).isEqualTo(1 + 3 + 2);
        assertThat(sc.value()).isEqualTo(3.0 / 6);
        assertThat(sc.maxSamples()).isEqualTo(3);
        // one sample per pair: not applicable
        LabelTable single = table(1, ai("judge", null)).addLabel(0, 0, 0, UNKNOWN, A, Double.NaN).build();
        assertThat(report(single).labeler("judge").selfConsistency()).isNull();
    }

    @Test
    void preferLongerUsesTheFirstSampleAndAMarginOf30Characters() {
        LabelTable.Builder b = LabelTable.builder(List.of(human("h"), ai("judge", null)));
        b.addPair(1, 100, 130, "other", "s", "test"); // 30 apart: not counted
        b.addPair(2, 100, 131, "other", "s", "test"); // B longer
        b.addPair(3, 200, 100, "other", "s", "test"); // A longer
        b.addPair(4, 200, 100, "other", "s", "test"); // A longer, but the judge's first sample is a tie
        b.addLabel(0, 1, 0, UNKNOWN, B, Double.NaN);
        b.addLabel(1, 1, 0, UNKNOWN, B, Double.NaN).addLabel(1, 1, 1, UNKNOWN, A, Double.NaN);
        b.addLabel(2, 1, 0, UNKNOWN, B, Double.NaN);
        b.addLabel(3, 1, 0, UNKNOWN, T, Double.NaN).addLabel(3, 1, 1, UNKNOWN, A, Double.NaN);
        b.addLabel(1, 0, 0, UNKNOWN, B, Double.NaN).addLabel(2, 0, 0, UNKNOWN, A, Double.NaN)
                .addLabel(3, 0, 0, UNKNOWN, A, Double.NaN);
        AlignmentReport r = report(b.build());
        LengthPreference judge = r.labeler("judge").preferLonger();
        assertThat(judge.n()).isEqualTo(2);
        assertThat(judge.share()).isEqualTo(0.5);
        assertThat(r.referencePreferLonger().n()).isEqualTo(3);
        assertThat(r.referencePreferLonger().share()).isEqualTo(1.0);
    }

    @Test
    void humansAreComparedWithTheOtherHumans() {
        // three humans; pair 0: A A A; pair 1: A A B; pair 2: A B TIE
        LabelTable t = table(3, human("h1"), human("h2"), human("h3"), ai("judge", null))
                .addLabel(0, 0, 0, UNKNOWN, A, Double.NaN).addLabel(0, 1, 0, UNKNOWN, A, Double.NaN)
                .addLabel(0, 2, 0, UNKNOWN, A, Double.NaN).addLabel(1, 0, 0, UNKNOWN, A, Double.NaN)
                .addLabel(1, 1, 0, UNKNOWN, A, Double.NaN).addLabel(1, 2, 0, UNKNOWN, B, Double.NaN)
                .addLabel(2, 0, 0, UNKNOWN, A, Double.NaN).addLabel(2, 1, 0, UNKNOWN, B, Double.NaN)
                .addLabel(2, 2, 0, UNKNOWN, T, Double.NaN)
                .addLabel(0, 3, 0, UNKNOWN, A, Double.NaN).addLabel(1, 3, 0, UNKNOWN, B, Double.NaN)
                .addLabel(2, 3, 0, UNKNOWN, B, Double.NaN)
                .build();
        AlignmentReport r = report(t);
        // majority: pair 0 A, pair 1 A, pair 2 split -> TIE. judge: A (1), B vs A (0), B vs TIE (1/2)
        assertThat(r.labeler("judge").agreement().value()).isEqualTo(1.5 / 3);
        // h3 against h1+h2: pair 0 A vs A (1), pair 1 B vs A (0), pair 2 TIE vs split A/B = TIE (1)
        assertThat(r.labeler("h3").agreement().value()).isEqualTo(2.0 / 3);
        // h1 against h2+h3: A vs A (1), A vs split A/B = TIE (1/2), A vs split B/TIE = TIE (1/2)
        assertThat(r.labeler("h1").agreement().value()).isEqualTo(2.0 / 3);
        HumanCeiling c = r.humanCeiling();
        assertThat(c.humans()).hasSize(3);
        assertThat(c.pooled().compared()).isEqualTo(9);
        assertThat(r.verdicts().referenceFor(1, 2)).isEqualTo(A);
        assertThat(r.verdicts().pairsBehind(3, Outcome.DISAGREE)).containsExactly(101);
        assertThat(r.verdicts().pairsBehind(3, Outcome.PARTIAL)).containsExactly(102);
        assertThat(r.verdicts().pairsInCell(3, B, A)).containsExactly(101);
        assertThat(r.verdicts().pairsBetween(0, 1, Outcome.AGREE)).containsExactly(100, 101);
    }

    @Test
    void aLabelerAsReferenceIsNotComparedWithItself() {
        LabelTable t = table(2, ai("big", 7e10), ai("small", 7e9))
                .addLabel(0, 0, 0, UNKNOWN, A, Double.NaN).addLabel(0, 1, 0, UNKNOWN, A, Double.NaN)
                .addLabel(1, 0, 0, UNKNOWN, B, Double.NaN).addLabel(1, 1, 0, UNKNOWN, A, Double.NaN)
                .build();
        AlignmentReport r = AlignmentReport.compute(t, ReportOptions.defaults().withReference(Reference.labeler(0)));
        assertThat(r.labeler("big").agreement()).isNull();
        assertThat(r.labeler("small").agreement().value()).isEqualTo(0.5);
        assertThat(r.referenceName()).isEqualTo("big");
        // no human: the default reference leaves agreement null and says why, the rest is still computed
        AlignmentReport none = report(t);
        assertThat(none.labeler("small").agreement()).isNull();
        assertThat(none.pairwise(0, 1).agreement().value()).isEqualTo(0.5);
        assertThat(none.notes()).anyMatch(n -> n.contains("no human labels"));
    }

    @Test
    void adjudicationsAsReference() {
        LabelTable.Builder b = table(3, ai("judge", null));
        b.addLabel(0, 0, 0, UNKNOWN, A, Double.NaN).addLabel(1, 0, 0, UNKNOWN, B, Double.NaN)
                .addLabel(2, 0, 0, UNKNOWN, B, Double.NaN);
        b.adjudicate(0, A).adjudicate(1, A);
        AlignmentReport r = AlignmentReport.compute(b.build(), ReportOptions.defaults().withReference(Reference.adjudications()));
        assertThat(r.referencePairs()).isEqualTo(2);
        assertThat(r.labeler("judge").agreement().value()).isEqualTo(0.5);
    }

    @Test
    void calibrationAveragesTheOrdersProbabilities() {
        // the judge says P(A) = 0.95 then 0.75 in the two orders: mean 0.85, bin 8; the human says A
        LabelTable t = table(1, human("h"), ai("judge", null))
                .addLabel(0, 0, 0, UNKNOWN, A, Double.NaN)
                .addLabel(0, 1, 0, AB, A, 0.95).addLabel(0, 1, 0, BA, A, 0.75)
                .build();
        Calibration c = report(t).labeler("judge").calibration();
        assertThat(c.n()).isEqualTo(1);
        assertThat(c.bins().get(8).count()).isEqualTo(1);
        assertThat(c.ece()).isCloseTo(0.15, within(1e-6));
        assertThat(report(t).labeler("h").calibration()).isNull();
    }

    @Test
    void theReviewQueuePutsConfidentDisagreementFirst() {
        // pair 0: sure A (P=0.95) vs sure B (P=0.05): score 0.9; pair 1: sure A vs unsure B (P=0.45): score 0.1;
        // pair 2: agreement, not disputed
        LabelTable t = table(3, ai("x", null), ai("y", null))
                .addLabel(0, 0, 0, UNKNOWN, A, 0.95).addLabel(0, 1, 0, UNKNOWN, B, 0.05)
                .addLabel(1, 0, 0, UNKNOWN, A, 0.95).addLabel(1, 1, 0, UNKNOWN, B, 0.45)
                .addLabel(2, 0, 0, UNKNOWN, A, 0.9).addLabel(2, 1, 0, UNKNOWN, A, 0.8)
                .build();
        AlignmentReport r = report(t);
        List<DisputedPair> queue = r.verdicts().disputed(10);
        assertThat(queue).extracting(DisputedPair::pairId).containsExactly(100L, 101L);
        assertThat(queue.get(0).score()).isCloseTo(0.9, within(1e-6));
        assertThat(queue.get(1).score()).isCloseTo(0.1, within(1e-6));
        assertThat(queue.get(0).forA()).containsExactly(0);
        assertThat(queue.get(0).forB()).containsExactly(1);
        assertThat(r.disputedPairs()).isEqualTo(2);
        assertThat(r.verdicts().disputed(1)).hasSize(1);
        assertThat(r.verdicts().disputed(10, p -> p == 1)).extracting(DisputedPair::pairId).containsExactly(101L);
    }

    @Test
    void failedLabelsAreCountedButNeverAVerdict() {
        LabelTable t = table(2, human("h"), ai("judge", null))
                .addLabel(0, 0, 0, UNKNOWN, A, Double.NaN).addLabel(1, 0, 0, UNKNOWN, A, Double.NaN)
                .addLabel(0, 1, 0, UNKNOWN, N, Double.NaN).addLabel(1, 1, 0, UNKNOWN, B, Double.NaN)
                .build();
        LabelerAlignment judge = report(t).labeler("judge");
        assertThat(judge.failed()).isEqualTo(1);
        assertThat(judge.labels()).isEqualTo(1);
        assertThat(judge.pairs()).isEqualTo(1);
        assertThat(judge.agreement().compared()).isEqualTo(1);
    }

    @Test
    void theNewestLabelOfASlotWins() {
        LabelTable t = table(1, ai("judge", null))
                .addLabel(0, 0, 0, AB, A, Double.NaN)
                .addLabel(0, 0, 0, AB, B, Double.NaN)
                .build();
        assertThat(t.labelCount()).isEqualTo(1);
        assertThat(t.choiceOf(0)).isEqualTo(B);
    }

    @Test
    void theBuilderRefusesBadCodes() {
        LabelTable.Builder b = table(1, ai("judge", null));
        assertThatThrownBy(() -> b.addLabel(0, 0, 0, UNKNOWN, (byte) 7, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("choice code");
        assertThatThrownBy(() -> b.addLabel(0, 0, 0, (byte) 5, A, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("order code");
        assertThatThrownBy(() -> b.addLabel(0, 0, 0, UNKNOWN, A, 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("P(A)");
        assertThatThrownBy(() -> b.addLabel(0, 0, -1, UNKNOWN, A, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sample index");
        assertThatThrownBy(() -> b.addLabel(1, 0, 0, UNKNOWN, A, Double.NaN)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> LabelTable.builder(List.of(ai("x", null), ai("x", null))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two labelers");
    }

    @Test
    void slicesPartitionThePairs() {
        LabelTable.Builder b = LabelTable.builder(List.of(human("h"), ai("judge", null)));
        for (int p = 0; p < 6; p++) {
            b.addPair(p, 10, 10, p < 2 ? "summarization" : "helpfulness", "s", "test");
            b.addLabel(p, 0, 0, UNKNOWN, A, Double.NaN);
            b.addLabel(p, 1, 0, UNKNOWN, p % 2 == 0 ? A : B, Double.NaN);
        }
        LabelTable t = b.build();
        List<SliceReport> slices = AlignmentReport.slices(t, t.groups(LabelTable.TASK), ReportOptions.defaults());
        assertThat(slices).extracting(SliceReport::group).containsExactly("summarization", "helpfulness");
        assertThat(slices).extracting(s -> s.report().pairs()).containsExactly(2, 4);
        assertThat(slices.get(0).report().labeler("judge").agreement().value()).isEqualTo(0.5);
        assertThat(slices.get(0).report().verdicts()).isNull();
        assertThat(slices.stream().mapToLong(s -> s.report().labeler("judge").agreement().compared()).sum())
                .isEqualTo(report(t).labeler("judge").agreement().compared());
    }

    @Test
    void theSameSeedGivesTheSameReport() {
        LabelTable.Builder b = table(200, human("h"), ai("judge", null));
        for (int p = 0; p < 200; p++) {
            b.addLabel(p, 0, 0, UNKNOWN, p % 3 == 0 ? B : A, Double.NaN);
            b.addLabel(p, 1, 0, UNKNOWN, p % 5 == 0 ? B : A, Double.NaN);
        }
        LabelTable t = b.build();
        Interval first = report(t).labeler("judge").agreement().ci95();
        assertThat(report(t).labeler("judge").agreement().ci95()).isEqualTo(first);
        Interval other = AlignmentReport.compute(t, ReportOptions.defaults().withSeed(99)).labeler("judge").agreement().ci95();
        assertThat(other).isNotEqualTo(first);
        assertThat(AlignmentReport.compute(t, ReportOptions.defaults().withResamples(0)).labeler("judge").agreement().ci95()).isNull();
    }
}
